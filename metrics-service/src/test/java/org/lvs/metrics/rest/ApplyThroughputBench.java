package org.lvs.metrics.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.contract.casework.ClockState;
import org.lvs.contract.casework.ContactChannel;
import org.lvs.contract.casework.ContactOutcome;
import org.lvs.contract.event.EventTypes;
import org.lvs.contract.event.IntakeStatus;
import org.lvs.contract.referral.Source;
import org.lvs.contract.triage.Pathway;
import org.lvs.contract.triage.Priority;
import org.lvs.contract.triage.Strand;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;
import org.lvs.metrics.TestEvents;
import org.lvs.metrics.TestEvents.Case;
import org.lvs.metrics.TestEvents.Decision;
import org.lvs.metrics.TestEvents.Sent;
import org.lvs.metrics.domain.ReportingPeriod;

/**
 * A benchmark, not a check of speed: prints how fast a referral's events (an intake record, a decision, and its
 * case's opening, clock start and contact) are applied on this machine, and the CPU they cost. The machine is shared,
 * so CPU time per event (the service's threads, and the database's server processes for its connections) is the
 * figure to compare; wall time and the load average are printed beside it.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class ApplyThroughputBench {

    /** Referrals; {@code -Dbench.events=20000} for a longer run (steady state rather than the first batches). */
    static final int EVENTS = Integer.getInteger("bench.events", 500);

    @Test
    void printsTheApplyRate() throws Exception {
        int year = 3000 + ThreadLocalRandom.current().nextInt(500);
        String period = String.format("%d-%02d", year, (year + 1) % 100);
        Instant base = LocalDateTime.of(year, 6, 1, 9, 0)
                .atZone(ReportingPeriod.LONDON)
                .toInstant();
        List<Sent> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            Instant at = base.plusSeconds(i * 60L);
            Decision decision = Decision.of(Source.ADT, at);
            events.add(TestEvents.intake("ADT", i, IntakeStatus.ACCEPTED, at));
            events.add(decision.event());
            Case c = new Case(decision.referralId(), Priority.STANDARD, Strand.CORE, Pathway.CORE, at);
            events.add(c.opened());
            events.add(c.clock(EventTypes.SLA_STARTED, ClockState.RUNNING, at));
            events.add(c.contact(at.plusSeconds(3600), ContactChannel.PHONE, ContactOutcome.SPOKE_TO_VICTIM));
        }
        try (Connection db = LvsTestResources.connection()) {
            long appliedBefore = applied(db);
            String loadBefore = loadAverage();
            Map<String, Long> threadsBefore = threadCpu();
            Map<Integer, Long> serversBefore = serverCpu(db);
            long commitsBefore = commits(db);
            long started = System.nanoTime();
            // one producer sending asynchronously, so the broker, not the test, sets the pace
            Properties props = new Properties();
            props.put("bootstrap.servers", LvsTestResources.kafkaBootstrap());
            props.put("acks", "all");
            props.put("linger.ms", "5");
            props.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
            props.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
                for (Sent e : events) {
                    producer.send(new ProducerRecord<>(
                            e.topic(), e.key(), e.envelope().toJson()));
                }
                producer.flush();
            }
            long sent = System.nanoTime();
            while (applied(db) - appliedBefore < events.size()) {
                if (System.nanoTime() - started > Duration.ofMinutes(15).toNanos()) {
                    throw new IllegalStateException("not applied within 15 minutes");
                }
                Thread.sleep(200);
            }
            long done = System.nanoTime();
            Map<String, Long> threadsAfter = threadCpu();
            double consumerCpu = groupDelta(threadsBefore, threadsAfter, "consumer") / 1e9;
            double brokerCpu = groupDelta(threadsBefore, threadsAfter, "broker") / 1e9;
            double otherCpu = groupDelta(threadsBefore, threadsAfter, "other") / 1e9;
            double serverCpu = sumDelta(serversBefore, serverCpu(db)) / (double) clockTicks();
            String loadAfter = loadAverage();
            Thread.sleep(1000); // the database's statistics are flushed within a second
            long transactions = commits(db) - commitsBefore;
            int n = events.size();
            System.out.printf(
                    "BENCH metrics apply: %d referrals, %d events (intake, decision, 3 case events) sent in"
                            + " %d ms, all applied after %d ms (%.0f events/s end to end)%n",
                    EVENTS, n, (sent - started) / 1_000_000, (done - started) / 1_000_000, n * 1e9 / (done - started));
            System.out.printf(
                    "BENCH metrics apply: CPU per event: consumer threads %.0f us, database servers %.0f us"
                            + " (together %.0f us); the test's broker %.0f us, other threads %.0f us; load average before [%s]"
                            + " after [%s]%n",
                    consumerCpu * 1e6 / n,
                    serverCpu * 1e6 / n,
                    (consumerCpu + serverCpu) * 1e6 / n,
                    brokerCpu * 1e6 / n,
                    otherCpu * 1e6 / n,
                    loadBefore,
                    loadAfter);
            System.out.printf(
                    "BENCH metrics apply: %d transactions committed in the database (%.0f events each, "
                            + "the bench's own polling included)%n",
                    transactions, n / (double) transactions);
        }
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> given().header("Authorization", TestTokens.bearer(Roles.OPS))
                                .queryParam("period", period)
                                .get("/api/v1/metrics/summary")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getInt("referrals.total")
                        == EVENTS);
        long summaryStart = System.nanoTime();
        given().header("Authorization", TestTokens.bearer(Roles.OPS))
                .queryParam("period", period)
                .get("/api/v1/metrics/summary")
                .then()
                .statusCode(200);
        System.out.printf(
                "BENCH metrics apply: summary over them in %d ms%n", (System.nanoTime() - summaryStart) / 1_000_000);
    }

    private static long applied(Connection db) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM metrics.applied_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long commits(Connection db) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * CPU nanoseconds of every live thread but this one (the producer's threads end before the second reading), keyed
     * by group and thread id: the service's consumers (the Kafka client threads, the apply pool, the transactions'
     * helpers), the in-JVM broker of the test, and the rest (HTTP, scheduler, GC is not a Java thread).
     */
    private static Map<String, Long> threadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> cpu = new HashMap<>();
        long self = Thread.currentThread().getId();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null || info.getThreadId() == self) {
                continue;
            }
            long t = threads.getThreadCpuTime(info.getThreadId());
            if (t >= 0) {
                cpu.put(group(info.getThreadName()) + "/" + info.getThreadId(), t);
            }
        }
        return cpu;
    }

    private static String group(String thread) {
        if (thread.startsWith("metrics-apply")
                || thread.startsWith("smallrye-kafka-consumer")
                || thread.startsWith("kafka-coordinator-heartbeat")) {
            return "consumer";
        }
        if (thread.startsWith("data-plane-kafka")
                || thread.startsWith("kafka-")
                || thread.startsWith("quorum")
                || thread.startsWith("raft")
                || thread.startsWith("broker")
                || thread.startsWith("controller")
                || thread.startsWith("ExpirationReaper")
                || thread.startsWith("LogDirFailureHandler")
                || thread.contains("kafka")) {
            return "broker";
        }
        return "other";
    }

    private static long groupDelta(Map<String, Long> before, Map<String, Long> after, String group) {
        long sum = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            if (e.getKey().startsWith(group + "/")) {
                sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
            }
        }
        return sum;
    }

    /** CPU clock ticks of the database's server processes serving the service (not this connection). */
    private static Map<Integer, Long> serverCpu(Connection db) throws SQLException, IOException {
        Map<Integer, Long> cpu = new HashMap<>();
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            while (rs.next()) {
                Path stat = Path.of("/proc", Integer.toString(rs.getInt(1)), "stat");
                if (Files.exists(stat)) {
                    String text = Files.readString(stat);
                    String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
                    cpu.put(rs.getInt(1), Long.parseLong(f[11]) + Long.parseLong(f[12]));
                }
            }
        }
        return cpu;
    }

    private static <K> long sumDelta(Map<K, Long> before, Map<K, Long> after) {
        long sum = 0;
        for (Map.Entry<K, Long> e : after.entrySet()) {
            sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    private static long clockTicks() {
        return 100; // USER_HZ on Linux
    }

    private static String loadAverage() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }
}

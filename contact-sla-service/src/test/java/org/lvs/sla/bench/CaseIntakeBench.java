package org.lvs.sla.bench;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Topics;
import org.lvs.contract.referral.Consent;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.sla.support.Upstream;

/**
 * Puts N decisions and N received referrals on the real topics at once (as {@code ./lvs demo} does) and prints how
 * many records per second each channel applied, from the first send to the last record applied. A bench, not a
 * test: it prints figures and asserts nothing about time. Not matched by surefire's default patterns; run it with
 * {@code ./mvnw -pl contact-sla-service test -Dtest=CaseIntakeBench -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.referrals=} changes N; output in
 * {@code target/surefire-reports/org.lvs.sla.bench.CaseIntakeBench-output.txt}).
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class CaseIntakeBench {

    private static final int REFERRALS = Integer.getInteger("bench.referrals", 5_000);
    private static final Duration LIMIT = Duration.ofMinutes(10);

    @Test
    void printIntakeThroughput() throws Exception {
        String run = "INTAKE-" + UUID.randomUUID();
        List<ProducerRecord<String, String>> decisions = new ArrayList<>(REFERRALS);
        List<ProducerRecord<String, String>> received = new ArrayList<>(REFERRALS);
        for (int i = 0; i < REFERRALS; i++) {
            Upstream.Decision d = Upstream.decision().area(run);
            if (i % 4 == 1) {
                d.standard();
            }
            decisions.add(new ProducerRecord<>(
                    Topics.REFERRALS_TRIAGED,
                    d.referralId.toString(),
                    d.build().toEnvelope().toJson()));
            received.add(new ProducerRecord<>(
                    Topics.REFERRALS_RECEIVED,
                    d.referralId.toString(),
                    Upstream.received(
                                    d.referralId,
                                    1,
                                    "Bench",
                                    "Victim" + i,
                                    "07700900" + String.format("%03d", i % 1000),
                                    run + "-" + i,
                                    Consent.EXPLICIT)
                            .toEnvelope()
                            .toJson()));
        }

        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < REFERRALS; i++) { // interleaved: both channels work at the same time
                producer.send(decisions.get(i));
                producer.send(received.get(i));
            }
            producer.flush();
        }
        double sent = (System.nanoTime() - start) / 1e9;

        double decisionsDone = -1;
        double receivedDone = -1;
        try (Connection c = LvsTestResources.connection();
                Statement s = c.createStatement()) {
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while ((decisionsDone < 0 || receivedDone < 0) && System.nanoTime() < deadline) {
                if (decisionsDone < 0
                        && count(s, "select count(*) from sla.sla_case where area = '" + run + "'") >= REFERRALS) {
                    decisionsDone = (System.nanoTime() - start) / 1e9;
                }
                if (receivedDone < 0
                        && count(s, "select count(*) from sla.case_person where person_ref like '" + run + "-%'")
                                >= REFERRALS) {
                    receivedDone = (System.nanoTime() - start) / 1e9;
                }
                Thread.sleep(100);
            }
            s.execute("delete from sla.case_person where person_ref like '" + run + "-%'");
            s.execute("delete from sla.sla_case where area = '" + run + "'");
        }
        System.out.printf("bench: %,d decisions + %,d received sent in %.1f s%n", REFERRALS, REFERRALS, sent);
        System.out.printf(
                "bench: referrals.triaged  %,d applied in %.1f s = %.0f records/s%n",
                REFERRALS, decisionsDone, REFERRALS / decisionsDone);
        System.out.printf(
                "bench: referrals.received %,d applied in %.1f s = %.0f records/s%n",
                REFERRALS, receivedDone, REFERRALS / receivedDone);
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }
}

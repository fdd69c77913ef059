package org.lvs.sla.bench;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.sla.support.Api;
import org.postgresql.PGConnection;

/**
 * Loads 1,000,000 cases with COPY and prints p50/p99 of the breaches list, the at-risk list, work queues, caseloads
 * and waiting lists, measured end to end over HTTP. A bench, not a test: it prints figures and asserts nothing about
 * time. Not matched by surefire's default patterns; run it with
 * {@code ./mvnw -pl contact-sla-service test -Dtest=CaseQueryBench -Dsurefire.failIfNoSpecifiedTests=false}. With
 * {@code -Dbench.keep=true} and a database of one's own ({@code LVS_DB_URL}) the cases stay behind for EXPLAIN.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class CaseQueryBench {

    private static final int CASES = Integer.getInteger("bench.cases", 1_000_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 200);
    /** {@code -Dbench.only=PREFIX}: only the queries whose name starts with it. */
    private static final String ONLY = System.getProperty("bench.only", "");

    private static final String[] STRANDS = {"CORE", "DOMESTIC_ABUSE", "SEXUAL_VIOLENCE", "NEST", "HATE_CRIME"};
    private static final String[] PATHWAYS = {"CORE", "IDVA", "ISVA", "NEST", "HATE_CRIME_PARTNER"};

    @TestHTTPResource("/")
    URI base;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void printQueryLatenciesWithAMillionCases() throws Exception {
        long t0 = System.nanoTime();
        load(CASES);
        System.out.printf("bench: loaded %,d cases in %.1f s%n", CASES, (System.nanoTime() - t0) / 1e9);

        measure("breaches (open, oldest due first, size 50)", "api/v1/sla/breaches");
        measure(
                "breaches (strand DOMESTIC_ABUSE, area BENCH-3)",
                "api/v1/sla/breaches?strand=DOMESTIC_ABUSE&area=BENCH-3");
        measure("breaches (open=false, page 10, size 100)", "api/v1/sla/breaches?open=false&page=10&size=100");
        measure("at-risk (withinHours=24)", "api/v1/sla/at-risk?withinHours=24");
        measure("work queue (status OPEN, strand NEST)", "api/v1/cases?status=OPEN&strand=NEST");
        measure("work queue (status SCREENING)", "api/v1/cases?status=SCREENING");
        measure("workers (caseloads)", "api/v1/workers");
        measure("waiting lists", "api/v1/waiting-lists");

        try (Connection c = LvsTestResources.connection();
                Statement s = c.createStatement()) {
            if (!Boolean.getBoolean("bench.keep")) {
                s.execute("delete from sla.sla_case where area like 'BENCH-%'");
            }
        }
    }

    /**
     * Times one query over HTTP with the JDK's client, the body read whole as bytes. Not RestAssured: Quarkus turns
     * on its logging on failure ({@code quarkus.test.rest-assured.enable-logging-on-failure}), which copies every
     * response to log should a check fail and pretty-prints its JSON on the way. That took 87% of the test JVM's CPU
     * samples over the workers list (seventeenth session, README): the bench timed its own client more than the
     * service.
     */
    private void measure(String name, String pathAndQuery) throws IOException, InterruptedException {
        if (!name.startsWith(ONLY)) {
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .header("Authorization", Api.handler())
                .GET()
                .build();
        for (int i = 0; i < 20; i++) {
            call(request); // warm up
        }
        long[] nanos = new long[RUNS];
        long bytes = 0;
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            bytes += call(request);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(
                "bench: %-50s p50 %6.1f ms  p99 %6.1f ms  (n=%d, %,d bytes a response)%n",
                name, nanos[RUNS / 2] / 1e6, nanos[(int) Math.ceil(RUNS * 0.99) - 1] / 1e6, RUNS, bytes / RUNS);
    }

    private int call(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
        }
        return response.body().length;
    }

    /** Streams generated rows into COPY: most cases met and closed, some breached, running, at risk or paused. */
    private static void load(int count) throws SQLException, IOException {
        try (Connection c = LvsTestResources.connection()) {
            PGConnection pg = c.unwrap(PGConnection.class);
            String columns = "referral_id, sequence, decision_version, source, status, decision_status, consent, "
                    + "priority, strand, pathway, area, opened_at, attempts, contacts_made, clock_state, started_at, "
                    + "target_hours, paused_seconds, due_at, at_risk_at, at_risk_flagged, breach_flagged, breached_at, "
                    + "first_contact_at, next_check_at, worker, closed_at, closure_reason";
            pg.getCopyAPI()
                    .copyIn("COPY sla.sla_case (" + columns + ") FROM STDIN WITH (FORMAT csv)", new RowReader(count));
            try (Statement s = c.createStatement()) {
                s.execute("vacuum analyze sla.sla_case"); // as autovacuum would: visibility map and statistics
                // the load's triggers updated each worker's counter row thousands of times in one go: clear the dead
                // versions, as autovacuum does for a table with that many
                s.execute("vacuum analyze sla.worker_caseload");
            }
        }
    }

    /** Generates CSV rows on demand, so a million rows never sit in memory. */
    static final class RowReader extends Reader {
        private final Random random = new Random(42);
        private final int count;
        private final Instant now = Instant.now();
        private int produced;
        private String current = "";
        private int pos;

        RowReader(int count) {
            this.count = count;
        }

        @Override
        public int read(char[] buf, int off, int len) {
            if (pos >= current.length()) {
                if (produced >= count) {
                    return -1;
                }
                StringBuilder sb = new StringBuilder(64 * 1024);
                for (int i = 0; i < 500 && produced < count; i++, produced++) {
                    sb.append(row()).append('\n');
                }
                current = sb.toString();
                pos = 0;
            }
            int n = Math.min(len, current.length() - pos);
            current.getChars(pos, pos + n, buf, off);
            pos += n;
            return n;
        }

        private String row() {
            int kind = random.nextInt(100);
            boolean priority = random.nextInt(3) == 0;
            int target = priority ? 48 : 120;
            int route = random.nextInt(STRANDS.length);
            Instant start;
            String state;
            String status;
            Instant firstContact = null;
            Instant nextCheck = null;
            boolean atRiskFlag = false;
            boolean breachFlag = false;
            if (kind < 70) { // met, mostly closed
                start = now.minus(Duration.ofMinutes(2880 + random.nextInt(700 * 24 * 60)));
                state = "MET";
                firstContact = start.plus(Duration.ofMinutes(random.nextInt(target * 60)));
                status = random.nextInt(4) == 0 ? "OPEN" : "CLOSED";
            } else if (kind < 80) { // breached, never contacted
                start = now.minus(Duration.ofHours(target + 1 + random.nextInt(700 * 24)));
                state = "BREACHED";
                atRiskFlag = true;
                breachFlag = true;
                status = random.nextInt(3) == 0 ? "CLOSED" : "OPEN";
            } else if (kind < 85) { // met late
                start = now.minus(Duration.ofHours(target + 48 + random.nextInt(700 * 24)));
                state = "MET_LATE";
                atRiskFlag = true;
                breachFlag = true;
                firstContact = start.plus(Duration.ofHours(target + 1 + random.nextInt(40)));
                status = "CLOSED";
            } else if (kind < 93) { // running
                start = now.minus(Duration.ofMinutes(random.nextInt((int) (target * 0.75 * 60))));
                state = "RUNNING";
                status = "OPEN";
            } else if (kind < 96) { // at risk
                start = now.minus(Duration.ofMinutes((long) (target * 0.75 * 60) + random.nextInt(target * 15)));
                state = "AT_RISK";
                atRiskFlag = true;
                status = random.nextBoolean() ? "OPEN" : "AWAITING_INFORMATION";
            } else if (kind < 98) { // paused in screening
                start = now.minus(Duration.ofHours(random.nextInt(24 * 30)));
                state = "PAUSED";
                status = "SCREENING";
            } else {
                start = now.minus(Duration.ofHours(random.nextInt(700 * 24)));
                state = "CANCELLED";
                status = "CLOSED";
            }
            Instant due = start.plus(Duration.ofHours(target));
            Instant atRisk = start.plus(Duration.ofMinutes(target * 45L));
            if ("RUNNING".equals(state)) {
                nextCheck = atRisk;
            } else if ("AT_RISK".equals(state)) {
                nextCheck = due;
            }
            String worker = firstContact != null && random.nextInt(5) > 0 ? "worker-" + random.nextInt(600) : "";
            List<String> cols = new ArrayList<>(List.of(
                    UUID.randomUUID().toString(),
                    "3",
                    "1",
                    "ADT",
                    status,
                    status.equals("CLOSED") ? "OPEN" : status,
                    "EXPLICIT",
                    priority ? "PRIORITY" : "STANDARD",
                    STRANDS[route],
                    PATHWAYS[route],
                    "BENCH-" + random.nextInt(12),
                    start.toString(),
                    String.valueOf(random.nextInt(3)),
                    firstContact != null ? "1" : "0",
                    state,
                    start.toString(),
                    String.valueOf(target),
                    "0",
                    due.toString(),
                    atRisk.toString(),
                    String.valueOf(atRiskFlag),
                    String.valueOf(breachFlag),
                    breachFlag ? due.toString() : "",
                    firstContact != null ? firstContact.toString() : "",
                    nextCheck != null ? nextCheck.toString() : "",
                    worker,
                    status.equals("CLOSED") ? now.toString() : "",
                    status.equals("CLOSED") ? ("CANCELLED".equals(state) ? "DUPLICATE" : "SUPPORT_COMPLETED") : ""));
            return String.join(",", cols);
        }

        @Override
        public void close() {}
    }
}

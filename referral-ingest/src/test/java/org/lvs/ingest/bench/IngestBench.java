package org.lvs.ingest.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;

/**
 * Ingest bench (not a unit test: surefire's default pattern does not pick it up). Posts a realistic 10,000-record ADT
 * batch and prints records/s (broker-acknowledged), then single posts at about 200/s and prints p50/p99 latency.
 * Prints figures only; no timed assertions.
 *
 * <pre>./mvnw -pl referral-ingest verify -Dtest=IngestBench -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * (figures appear on the console and in target/surefire-reports/org.lvs.ingest.bench.IngestBench-output.txt)
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class IngestBench {

    static final String[] AREAS = {"NORTH", "CENTRAL", "EAST", "WEST", "SOUTH"};
    static final String[] CATEGORIES = {
        "ASSAULT",
        "DOMESTIC_ABUSE",
        "BURGLARY",
        "THEFT",
        "CRIMINAL_DAMAGE",
        "HATE_CRIME",
        "STALKING_HARASSMENT",
        "FRAUD",
        "ROBBERY",
        "VEHICLE_CRIME",
        "SEXUAL_OFFENCE"
    };
    static final String[] FIRST = {
        "Amina", "Siobhán", "Zoë", "Oliver", "Jack", "Priya", "Mohammed", "Chloé", "Tomasz", "Grace", "Kwame", "Aoife"
    };
    static final String[] LAST = {
        "Khan", "Ní Bhriain", "Smith", "Jones", "Nowak", "Okafor", "Patel", "O'Neill", "Williams", "Brown"
    };
    static final String[] TOWNS = {"Preston", "Blackpool", "Lancaster", "Burnley", "Blackburn", "Chorley"};
    static final String[] CONSENT = {"EXPLICIT", "EXPLICIT", "EXPLICIT", "IMPLIED", "REFUSED", "NOT_RECORDED"};

    @TestHTTPResource("/")
    URL base;

    final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final Random random = new Random(42);
    long feed = 1_000_000;

    @Test
    void bench() throws Exception {
        String token = TestTokens.bearer(Roles.REFERRER);
        post("api/v1/referrals/batch", batch("WARM", 2_000).toString(), token); // JIT and connection warm-up

        String body = batch("BENCH", 10_000).toString();
        long start = System.nanoTime();
        HttpResponse<String> answer = post("api/v1/referrals/batch", body, token);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "%nBENCH batch: 10,000 ADT records (%.1f MiB) -> HTTP %d in %.2f s = %.0f records/s%n",
                body.length() / 1048576.0, answer.statusCode(), seconds, 10_000 / seconds);

        singles(token, 200, 300); // warm-up of the single path
        List<Long> sequential = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String one = referral("Q-" + System.nanoTime() + "-" + i)
                    .put("source", "ADT")
                    .toString();
            long s = System.nanoTime();
            post("api/v1/referrals", one, token);
            sequential.add(System.nanoTime() - s);
        }
        Collections.sort(sequential);
        System.out.printf(
                "BENCH single posts one after another (no queueing): p50 %.1f ms, p99 %.1f ms%n",
                sequential.get(100) / 1e6, sequential.get(197) / 1e6);
        List<Long> latencies = singles(token, 200, 2_000);
        Collections.sort(latencies);
        System.out.printf(
                "BENCH single posts: %d at ~200/s -> p50 %.1f ms, p99 %.1f ms, max %.1f ms%n%n",
                latencies.size(),
                latencies.get(latencies.size() / 2) / 1e6,
                latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1) / 1e6,
                latencies.get(latencies.size() - 1) / 1e6);
    }

    /** Posts {@code count} single referrals at {@code perSecond}, open-loop; answers each post's latency (ns). */
    List<Long> singles(String token, int perSecond, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Long>> futures = new ArrayList<>(count);
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = t0 + i * interval;
            LockSupport.parkNanos(due - System.nanoTime());
            String body = referral("S-" + System.nanoTime() + "-" + i)
                    .put("source", "ADT")
                    .toString();
            futures.add(pool.submit(() -> {
                long s = System.nanoTime();
                HttpResponse<String> r = post("api/v1/referrals", body, token);
                if (r.statusCode() != 202) {
                    throw new IllegalStateException("single post answered " + r.statusCode());
                }
                return System.nanoTime() - s;
            }));
        }
        List<Long> latencies = new ArrayList<>(count);
        for (Future<Long> f : futures) {
            latencies.add(f.get());
        }
        pool.shutdown();
        return latencies;
    }

    HttpResponse<String> post(String path, String body, String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base.toString() + path))
                        .header("Authorization", token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    ObjectNode batch(String prefix, int size) {
        ObjectNode batch = JsonNodeFactory.instance
                .objectNode()
                .put("batchId", prefix + "-" + System.nanoTime())
                .put("source", "ADT");
        ArrayNode referrals = batch.putArray("referrals");
        for (int i = 0; i < size; i++) {
            referrals.add(referral(String.format("LC-%s-%07d-%d", prefix, i, System.nanoTime() % 100000)));
        }
        return batch;
    }

    ObjectNode referral(String reference) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("sourceReference", reference)
                .put("version", 1)
                .put("feedSequence", feed++)
                .put(
                        "recordedAt",
                        Instant.now()
                                .minus(Duration.ofMinutes(30 + random.nextInt(600)))
                                .toString())
                .put("area", AREAS[random.nextInt(AREAS.length)]);
        ObjectNode crime = r.putObject("crime")
                .put("category", CATEGORIES[random.nextInt(CATEGORIES.length)])
                .put(
                        "description",
                        "Victim reports an incident near their home; officer attended and took a statement.");
        if ("HATE_CRIME".equals(crime.get("category").asText())) {
            crime.putArray("hateStrands").add("RACE");
        }
        ObjectNode victim = r.putObject("victim")
                .put("personRef", "P-" + (100000 + random.nextInt(900000)))
                .put("firstName", FIRST[random.nextInt(FIRST.length)])
                .put("lastName", LAST[random.nextInt(LAST.length)])
                .put(
                        "dateOfBirth",
                        LocalDate.of(1940 + random.nextInt(65), 1 + random.nextInt(12), 1 + random.nextInt(28))
                                .toString())
                .put("gender", random.nextBoolean() ? "FEMALE" : "MALE")
                .put("phone", "07700 9" + (10000 + random.nextInt(89999)))
                .put("preferredContact", "PHONE");
        victim.putObject("address")
                .put("line1", (1 + random.nextInt(200)) + " Example Street")
                .put("town", TOWNS[random.nextInt(TOWNS.length)])
                .put("postcode", "PR" + (1 + random.nextInt(9)) + " 2AB");
        if (random.nextInt(4) == 0) {
            victim.putArray("vulnerabilities").add("INTIMIDATED");
        }
        r.put("consent", CONSENT[random.nextInt(CONSENT.length)]);
        r.putObject("safeguarding").put("unsafeToContact", false);
        return r;
    }
}

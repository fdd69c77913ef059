package org.lvs.e2e.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.contract.Topics;
import org.lvs.e2e.Api;
import org.lvs.e2e.KafkaTool;
import org.lvs.e2e.RunningStack;
import org.lvs.infra.test.ForgedTokens;
import org.lvs.infra.test.TestInfrastructure;
import org.lvs.infra.test.TestTokens;

/**
 * The edges of the packaged system (issue 10 item 1 and "Done when", issue 11 items 2, 5 and 8): hostile strings at
 * every door, 2,000 fuzzed bodies, forged tokens at all four services, and the erasure scan. One stack for all of
 * them (its logs in {@code target/e2e-logs/edge/}, scanned by the erasure checks), on the test JVM's broker and
 * database.
 */
class EdgeIT {

    private static final long FUZZ_SEED = 20_261_127L;
    private static final int FUZZ_BODIES = 2_000;
    private static final List<String> LONG_LIVED = Stream.of(
                    Topics.REFERRALS_INTAKE,
                    Topics.REFERRALS_TRIAGED,
                    Topics.REFERRALS_FEEDBACK,
                    Topics.CASES_EVENTS,
                    Topics.CASES_ERASURES)
            .flatMap(t -> Stream.of(t, Topics.dlq(t)))
            .toList();

    private static RunningStack stack;
    private static KafkaTool kafka;
    private static Pipeline pipeline;
    private final Api api = new Api(Duration.ofSeconds(60));

    @BeforeAll
    static void startStack() throws IOException {
        // The self-referral limit (10 a minute per address) would answer 429 before the edge looks at a body.
        stack = RunningStack.start(
                RunningStack.SERVICES,
                RunningStack.Backends.shared(),
                Map.of("LVS_INGEST_SELF_REFERRAL_LIMIT", "1000000"),
                RunningStack.root().resolve("e2e-tests/target/e2e-logs/edge"));
        kafka = new KafkaTool(TestInfrastructure.get().kafkaBootstrap());
        pipeline = new Pipeline(stack, kafka);
    }

    @AfterAll
    static void stopStack() {
        if (kafka != null) {
            kafka.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // (a) hostile strings at every door

    @Test
    void hostileStringsAtEveryDoorAreRefusedAndStallNothing() throws Exception {
        Map<TopicPartition, Long> mark = kafka.endOffsetsOf(Topics.all());
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        for (HostileInputs.Attempt attempt : HostileInputs.all()) {
            sent++;
            String problem = judgeHostile(attempt);
            if (problem != null) {
                wrong.add(attempt.door() + ", " + attempt.what() + ": " + problem);
            }
        }
        List<String> afterwards = healthAfterwards(mark, Instant.parse("2011-06-15T10:00:00Z"), "2011-12");

        assertTrue(
                wrong.isEmpty() && afterwards.isEmpty(),
                sent + " hostile requests; " + wrong.size()
                        + " answered other than refused:\n  " + String.join("\n  ", wrong) + "\nafterwards:\n  "
                        + String.join("\n  ", afterwards));
    }

    /** Null when the door refused the request as the contract says; else what happened. */
    private String judgeHostile(HostileInputs.Attempt attempt) throws InterruptedException {
        HttpResponse<String> answer;
        try {
            answer = api.post(
                    stack.url("referral-ingest") + attempt.path(),
                    bearerFor(attempt.path()),
                    attempt.contentType(),
                    attempt.body());
        } catch (IOException e) {
            return "no answer (" + e.getClass().getSimpleName() + ")";
        }
        int status = answer.statusCode();
        // 414: an over-long query parameter refused by the HTTP layer; 403: a source no token may act for.
        if (status == 400
                || status == 413
                || (status == 414 && attempt.path().contains("?"))
                || (status == 403 && attempt.what().startsWith("source"))) {
            return null;
        }
        if (attempt.batch() && status == 200) {
            JsonNode receipt = Api.json(answer);
            if (receipt.path("accepted").asInt(-1) == 0
                    && receipt.path("amended").asInt(0) == 0) {
                for (JsonNode result : receipt.path("results")) {
                    if (!result.path("status").asText().equals("REJECTED")) {
                        return "200 with a record " + result.path("status").asText();
                    }
                }
                return null;
            }
            return "200 with " + receipt.path("accepted").asInt() + " record(s) accepted";
        }
        return status + " " + excerpt(answer.body());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // (b) fuzzed bodies

    @Test
    void fuzzedBodiesGetNo5xxAndLeaveEveryServiceHealthy() throws Exception {
        Map<TopicPartition, Long> mark = kafka.endOffsetsOf(Topics.all());
        List<String> wrong = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        List<Fuzzer.Body> bodies = new Fuzzer(FUZZ_SEED).bodies(FUZZ_BODIES);
        for (int i = 0; i < bodies.size(); i++) {
            Fuzzer.Body body = bodies.get(i);
            try {
                HttpResponse<String> answer = api.post(
                        stack.url("referral-ingest") + body.path(),
                        bearerFor(body.path()),
                        body.contentType(),
                        body.body());
                statuses.merge(answer.statusCode(), 1, Integer::sum);
                if (answer.statusCode() >= 500) {
                    wrong.add("#" + i + " " + body.door() + " → " + answer.statusCode() + " " + excerpt(answer.body())
                            + " for " + body.preview());
                }
            } catch (IOException e) {
                wrong.add("#" + i + " " + body.door() + " → no answer ("
                        + e.getClass().getSimpleName() + ") for " + body.preview());
            }
        }
        List<String> afterwards = healthAfterwards(mark, Instant.parse("2012-06-15T10:00:00Z"), "2012-13");

        assertTrue(
                wrong.isEmpty() && afterwards.isEmpty(),
                FUZZ_BODIES + " fuzzed bodies (seed " + FUZZ_SEED
                        + "), answers " + statuses + "; " + wrong.size() + " 5xx or no answer:\n  "
                        + String.join("\n  ", wrong.stream().limit(30).toList()) + "\nafterwards:\n  "
                        + String.join("\n  ", afterwards));
    }

    /**
     * Once the consumers caught up: nothing dead-lettered, nothing unsafe published, every service ready and live,
     * and a valid referral (received in {@code period}) still reaches the figures. Returns the problems found.
     */
    private List<String> healthAfterwards(Map<TopicPartition, Long> mark, Instant receivedAt, String period)
            throws Exception {
        List<String> problems = new ArrayList<>();
        String referralId = pipeline.submitValid(receivedAt);
        try {
            pipeline.awaitFigure(period, 1, Duration.ofMinutes(3));
            pipeline.awaitCaughtUp(Duration.ofMinutes(3));
            pipeline.assertAllReadyAndLive();
        } catch (AssertionError e) {
            problems.add(e.getMessage() + " (valid referral " + referralId + ")");
        }
        List<KafkaTool.Raw> published = kafka.readFrom(mark);
        published.stream()
                .filter(r -> r.topic().endsWith(Topics.DLQ_SUFFIX))
                .forEach(r -> problems.add(
                        "dead letter on " + r.topic() + ": " + r.headers().get("dead-letter-reason") + " (group "
                                + r.headers().get("dead-letter-group") + ", stage "
                                + r.headers().get("dead-letter-stage")
                                + ")"));
        TopicHygiene.problems(published).stream().limit(30).forEach(p -> problems.add("published unsafe: " + p));
        return problems;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // (c) token negatives at all four services

    @Test
    void forgedTokensGet401AtEveryServiceAndAProperTokenGetsThrough() throws Exception {
        Map<String, String[]> protectedEndpoint = new LinkedHashMap<>();
        protectedEndpoint.put("referral-ingest", new String[] {"/api/v1/feeds/ADT/gaps", Roles.REFERRER});
        protectedEndpoint.put(
                "triage-service",
                new String[] {"/api/v1/triage/feedback?source=ADT&since=2017-01-01T00:00:00Z", Roles.REFERRER});
        protectedEndpoint.put(
                "contact-sla-service", new String[] {"/api/v1/sla/at-risk?withinHours=24", Roles.CASE_HANDLER});
        protectedEndpoint.put("metrics-service", new String[] {"/api/v1/metrics/summary?period=2017-18", Roles.OPS});
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String[]> endpoint : protectedEndpoint.entrySet()) {
            String url = stack.url(endpoint.getKey()) + endpoint.getValue()[0];
            String role = endpoint.getValue()[1];
            int proper = api.get(url, TestTokens.bearer(role)).statusCode();
            if (proper != 200) {
                wrong.add(endpoint.getKey() + ": a proper " + role + " token got " + proper);
            }
            int none = api.get(url, null).statusCode();
            if (none != 401) {
                wrong.add(endpoint.getKey() + ": no token got " + none);
            }
            for (Map.Entry<String, String> forged : ForgedTokens.all(role).entrySet()) {
                int status = api.get(url, forged.getValue()).statusCode();
                if (status != 401) {
                    wrong.add(endpoint.getKey() + ": the " + forged.getKey() + " token got " + status);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // (d) the erasure scan

    @Test
    void anErasedVictimsPersonalDataIsInNoTableNoLongLivedTopicAndNoLog() throws Exception {
        Victim victim = Victim.random();
        HttpResponse<String> accepted = api.postJson(
                stack.url("referral-ingest") + "/api/v1/referrals",
                TestTokens.bearer(Roles.REFERRER),
                victim.referral("MASH", "EXPLICIT"));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String referralId = Api.json(accepted).get("referralId").asText();
        awaitStatus("contact-sla-service", "/api/v1/cases/" + referralId, Roles.CASE_HANDLER, 200);
        awaitStatus("triage-service", "/api/v1/triage/" + referralId, Roles.CASE_HANDLER, 200);

        PersonalDataScan scan = new PersonalDataScan(victim.needles());
        TestInfrastructure infra = TestInfrastructure.get();
        assertTrue(
                scan.tables(infra.jdbcUrl(), infra.dbUser(), infra.dbPassword()).stream()
                        .anyMatch(found -> found.startsWith("first name")),
                "before the erasure, the scan finds the victim's "
                        + "name (the case holds it): else it would prove nothing");

        HttpResponse<String> erased = api.delete(
                stack.url("contact-sla-service") + "/api/v1/cases/" + referralId + "/personal-data",
                TestTokens.bearer(Roles.ADMIN));
        assertEquals(200, erased.statusCode(), erased.body());

        List<String> found = List.of();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            found = scanEverywhere(scan, LONG_LIVED);
            if (found.isEmpty()) {
                break;
            }
            Pipeline.sleep(5_000);
        }
        assertEquals(
                List.of(),
                found,
                "the erased victim's personal data (referral " + referralId
                        + ") is still there 120 s after the erasure");
    }

    @Test
    void aRefusedConsentVictimsPersonalDataIsFoundNowhere() throws Exception {
        Victim single = Victim.random();
        HttpResponse<String> one = api.postJson(
                stack.url("referral-ingest") + "/api/v1/referrals",
                TestTokens.bearer(Roles.REFERRER),
                single.referral("ADT", "REFUSED"));
        assertEquals(202, one.statusCode(), one.body());
        Victim inCsv = Victim.random();
        HttpResponse<String> batch = api.post(
                stack.url("referral-ingest") + "/api/v1/referrals/batch?source=PARTNER",
                TestTokens.bearer(Roles.REFERRER),
                "text/csv",
                HostileInputs.utf8(inCsv.csv("NOT_RECORDED")));
        assertEquals(200, batch.statusCode(), batch.body());
        assertEquals(1, Api.json(batch).path("accepted").asInt(), batch.body());
        for (HttpResponse<String> answer : List.of(one)) {
            String referralId = Api.json(answer).get("referralId").asText();
            awaitStatus("triage-service", "/api/v1/triage/" + referralId, Roles.CASE_HANDLER, 200);
        }
        String csvReferralId =
                Api.json(batch).path("results").get(0).path("referralId").asText();
        awaitStatus("triage-service", "/api/v1/triage/" + csvReferralId, Roles.CASE_HANDLER, 200);
        pipeline.awaitCaughtUp(Duration.ofMinutes(3));

        Map<String, List<String>> needles = new LinkedHashMap<>();
        single.needles().forEach((item, texts) -> needles.put("single: " + item, texts));
        inCsv.needles().forEach((item, texts) -> needles.put("CSV: " + item, texts));
        List<String> found = scanEverywhere(new PersonalDataScan(needles), Topics.all());

        assertEquals(List.of(), found, "a refused-consent victim's personal data went past the ingest request");
    }

    private List<String> scanEverywhere(PersonalDataScan scan, List<String> topics) {
        TestInfrastructure infra = TestInfrastructure.get();
        List<String> found = new ArrayList<>(scan.tables(infra.jdbcUrl(), infra.dbUser(), infra.dbPassword()));
        found.addAll(scan.topics(kafka, topics));
        List<Path> logs = stack.instances().stream().map(stack::log).toList();
        found.addAll(scan.logs(logs));
        return found;
    }

    /** A victim whose every personal detail is unique to this test run, so any find is theirs. */
    private record Victim(
            String firstName,
            String lastName,
            String phoneDigits,
            String email,
            String street,
            String town,
            String postcode,
            LocalDate dateOfBirth,
            String story) {

        static Victim random() {
            Random random = new Random();
            String tag = letters(random, 8);
            return new Victim(
                    "Eraf" + tag,
                    "Erl" + letters(random, 8),
                    String.format("9%05d", random.nextInt(100_000)),
                    "erasure." + tag.toLowerCase() + "@example.org",
                    letters(random, 7) + "hurst Road",
                    "Eratown" + letters(random, 5),
                    "ZE" + (1 + random.nextInt(9)) + " " + (1 + random.nextInt(9))
                            + letters(random, 2).toUpperCase(),
                    LocalDate.of(1931 + random.nextInt(30), 1 + random.nextInt(12), 1 + random.nextInt(28)),
                    "story" + letters(random, 10));
        }

        String phone() {
            return "07700 " + phoneDigits;
        }

        String referral(String source, String consent) {
            return """
                    {"source":"%s","sourceReference":"ERASE-%s","recordedAt":"%s","area":"SOUTH",
                     "crime":{"category":"DOMESTIC_ABUSE","description":"%s"},
                     "victim":{"firstName":"%s","lastName":"%s","dateOfBirth":"%s","gender":"FEMALE",
                               "phone":"%s","email":"%s",
                               "address":{"line1":"12 %s","town":"%s","postcode":"%s"}},
                     "consent":"%s","howHeardDetail":"%s"}
                    """.formatted(
                            source,
                            UUID.randomUUID(),
                            Instant.now().minus(Duration.ofHours(1)),
                            story,
                            firstName,
                            lastName,
                            dateOfBirth,
                            phone(),
                            email,
                            street,
                            town,
                            postcode,
                            consent,
                            story);
        }

        String csv(String consent) {
            return "sourceReference,recordedAt,area,crime.category,crime.description,victim.firstName,victim.lastName,"
                    + "victim.dateOfBirth,victim.phone,victim.email,victim.address.line1,victim.address.town,"
                    + "victim.address.postcode,consent\r\n"
                    + String.join(
                            ",",
                            "ERASE-CSV-" + UUID.randomUUID(),
                            Instant.now().minus(Duration.ofHours(1)).toString(),
                            "SOUTH",
                            "STALKING_HARASSMENT",
                            story,
                            firstName,
                            lastName,
                            dateOfBirth.toString(),
                            phone(),
                            email,
                            "12 " + street,
                            town,
                            postcode,
                            consent)
                    + "\r\n";
        }

        /** What would betray them: each item with every form it could be stored in. */
        Map<String, List<String>> needles() {
            Map<String, List<String>> needles = new LinkedHashMap<>();
            needles.put("first name", List.of(firstName));
            needles.put("last name", List.of(lastName));
            needles.put("phone", List.of("7700 " + phoneDigits, "7700" + phoneDigits));
            needles.put("email", List.of(email));
            needles.put("address", List.of(street));
            needles.put("town", List.of(town));
            needles.put("postcode", List.of(postcode, postcode.replace(" ", "")));
            needles.put("date of birth", List.of(dateOfBirth.toString()));
            needles.put("description", List.of(story));
            return needles;
        }

        private static String letters(Random random, int count) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < count; i++) {
                text.append((char) ('a' + random.nextInt(26)));
            }
            return text.toString();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void awaitStatus(String service, String path, String role, int expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        int last = -1;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = api.get(stack.url(service) + path, TestTokens.bearer(role))
                        .statusCode();
                if (last == expected) {
                    return;
                }
            } catch (IOException e) {
                last = -1;
            }
            Pipeline.sleep(500);
        }
        fail(service + path + " answered " + last + ", not " + expected + ", for 90 s");
    }

    private static String bearerFor(String path) {
        return path.startsWith("/api/v1/self-referrals") ? null : TestTokens.bearer(Roles.REFERRER);
    }

    private static String excerpt(String body) {
        String text = body == null ? "" : body.replaceAll("\\p{Cntrl}", "?");
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}

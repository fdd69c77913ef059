package org.lvs.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.IntakeRecorded;
import org.lvs.contract.event.IntakeStatus;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;
import org.lvs.infra.test.TopicProbe;

/**
 * Issue 10, item 1: at every door the edge refuses what no consumer can hold (NUL, control characters outside free
 * text, lone surrogates, invalid UTF-8, over-long values) with a 400 naming the field; nothing of a refused record is
 * stored or published; intake events carry only validated values.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class HostileInputTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final Duration QUIET = Duration.ofSeconds(2);
    /** Stands in the JSON text for a lone surrogate escape, which no Java string can carry to the wire intact. */
    static final String LONE = "LONE-SURROGATE-HERE";

    @BeforeEach
    void freshLimits() {
        Referrals.clearSelfReferralLimits();
    }

    static Response postSingle(String json) {
        return given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .contentType(ContentType.JSON)
                .body(json.replace(LONE, "x\\ud800y").getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/referrals");
    }

    static ObjectNode victim(ObjectNode referral) {
        return (ObjectNode) referral.get("victim");
    }

    @Test
    void everyHostileStringOfASingleReferralIsA400NamingItAndNothingIsStoredOrPublished() {
        Map<String, BiConsumer<ObjectNode, String>> cases = new LinkedHashMap<>();
        cases.put("victim.firstName", (r, f) -> victim(r).put("firstName", "Amina\u0000"));
        cases.put("victim.lastName", (r, f) -> victim(r).put("lastName", "Khatun\u0007"));
        cases.put("victim.phone", (r, f) -> victim(r).put("phone", "07700 900123\n"));
        cases.put("victim.email", (r, f) -> victim(r).put("email", "a@example.org\u0000"));
        cases.put("victim.personRef", (r, f) -> victim(r).put("personRef", "P-" + "9".repeat(80)));
        cases.put("victim.address.line1", (r, f) -> ((ObjectNode) victim(r).get("address")).put("line1", "1\u0000"));
        cases.put(
                "victim.address.postcode",
                (r, f) -> ((ObjectNode) victim(r).get("address")).put("postcode", "PR1 2AB PR1 2AB PR1 2AB"));
        cases.put("crime.description", (r, f) -> ((ObjectNode) r.get("crime")).put("description", LONE));
        cases.put("safeguarding.reason", (r, f) -> ((ObjectNode) r.get("safeguarding")).put("reason", "x\u0000"));
        cases.put("howHeardDetail", (r, f) -> r.put("howHeardDetail", "y".repeat(201)));
        cases.put("area", (r, f) -> r.put("area", "CENTRAL\u0000"));
        cases.put("consent", (r, f) -> r.put("consent", "EXPLICIT\u0000"));

        try (TopicProbe received = TopicProbe.open(Topics.REFERRALS_RECEIVED)) {
            cases.forEach((field, spoil) -> {
                String ref = Referrals.newReference();
                ObjectNode referral = Referrals.valid("ADT", ref);
                spoil.accept(referral, field);
                postSingle(referral.toString())
                        .then()
                        .statusCode(400)
                        .contentType("application/problem+json")
                        .body("errors.field", contains(field));
                assertEquals(
                        0,
                        Referrals.count("SELECT count(*) FROM referral WHERE source_reference = ?", ref),
                        field + ": nothing stored");
            });
            assertEquals(0, received.drain(QUIET).size(), "nothing published");
        }
    }

    @Test
    void namesAreOneLineWhileFreeTextKeepsTabsAndLineBreaksAndLengthsAreTheDocumentedOnes() {
        ObjectNode ok = Referrals.valid("ADT", Referrals.newReference());
        ((ObjectNode) ok.get("crime")).put("description", "Line one\n\tline two\r\n" + "z".repeat(1970));
        victim(ok).put("firstName", "N".repeat(200));
        ok.put("howHeardDetail", "h".repeat(200));
        postSingle(ok.toString()).then().statusCode(202);

        ObjectNode tooLong = Referrals.valid("ADT", Referrals.newReference());
        ((ObjectNode) tooLong.get("crime")).put("description", "d".repeat(2001));
        victim(tooLong).put("firstName", "N".repeat(201));
        victim(tooLong).put("lastName", "Two\tWords");
        postSingle(tooLong.toString())
                .then()
                .statusCode(400)
                .body("errors.field", contains("crime.description", "victim.firstName", "victim.lastName"));
    }

    @Test
    void aRejectedRecordsIntakeEventCarriesOnlyValidatedValues() {
        String hostileReference = "=cmd|' /C calc'!A0";
        ObjectNode referral = Referrals.valid("ADT", Referrals.newReference());
        referral.put("source", "ADT\u0000");
        referral.put("sourceReference", hostileReference);
        referral.put("feedSequence", -5);
        victim(referral).put("firstName", "Amina\u0000");
        try (TopicProbe intake = TopicProbe.open(Topics.REFERRALS_INTAKE)) {
            postSingle(referral.toString())
                    .then()
                    .statusCode(400)
                    .body("errors.field", hasItem("source"))
                    .body("errors.field", hasItem("sourceReference"))
                    .body("errors.field", hasItem("feedSequence"))
                    .body("errors.field", hasItem("victim.firstName"))
                    .body(not(containsString("calc")));
            List<ConsumerRecord<String, String>> records = intake.awaitRecords(1, WAIT);
            assertEquals(1, records.size());
            ConsumerRecord<String, String> record = records.get(0);
            assertEquals("UNKNOWN", record.key());
            assertFalse(record.value().contains("calc"), "no value as sent");
            assertFalse(record.value().contains("\\u0000"), "no NUL");
            assertFalse(record.value().contains("Amina"), "no personal data");
            IntakeRecorded recorded = EventJson.read(record.value()).payloadAs(IntakeRecorded.class);
            assertEquals(IntakeStatus.REJECTED, recorded.status());
            assertNull(recorded.source());
            assertNull(recorded.sourceReference());
            assertNull(recorded.feedSequence());
            assertTrue(recorded.errors().stream().allMatch(e -> !e.message().contains("\u0000")));
        }
    }

    @Test
    void aJsonBatchRejectsTheHostileRecordWithItsErrorsAndAcceptsTheRest() {
        String a = Referrals.newReference(), b = Referrals.newReference(), c = Referrals.newReference();
        ObjectNode bad = Referrals.valid("ADT", b);
        victim(bad).put("firstName", "Zo\u0000ë");
        ((ObjectNode) bad.get("crime")).put("description", LONE);
        ObjectNode batch = JsonNodeFactory.instance
                .objectNode()
                .put("batchId", "ADT:2017-08-14/part.1_a")
                .put("source", "ADT");
        batch.putArray("referrals").add(Referrals.valid("ADT", a)).add(bad).add(Referrals.valid("ADT", c));
        try (TopicProbe received = TopicProbe.open(Topics.REFERRALS_RECEIVED);
                TopicProbe intake = TopicProbe.open(Topics.REFERRALS_INTAKE)) {
            given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                    .contentType(ContentType.JSON)
                    .body(batch.toString().replace(LONE, "x\\udc00y").getBytes(StandardCharsets.UTF_8))
                    .post(BatchTest.PATH)
                    .then()
                    .statusCode(200)
                    .body("results.status", contains("ACCEPTED", "REJECTED", "ACCEPTED"))
                    .body("results[1].errors.field", contains("crime.description", "victim.firstName"));
            assertEquals(2, received.awaitRecords(2, WAIT).size());
            assertEquals(0, received.drain(QUIET).size());
            List<IntakeRecorded> intakes = intake.awaitEnvelopes(3, WAIT).stream()
                    .map(e -> e.payloadAs(IntakeRecorded.class))
                    .toList();
            assertTrue(intakes.stream().allMatch(i -> "ADT:2017-08-14/part.1_a".equals(i.batchId())));
        }
        assertEquals(0, Referrals.count("SELECT count(*) FROM referral WHERE source_reference = ?", b));
    }

    @Test
    void aBadBatchIdOrBatchSourceRefusesTheWholeBatch() {
        String ref = Referrals.newReference();
        try (TopicProbe received = TopicProbe.open(Topics.REFERRALS_RECEIVED);
                TopicProbe intake = TopicProbe.open(Topics.REFERRALS_INTAKE)) {
            for (String batchId : List.of("batch id with spaces", "x".repeat(65), "=HYPERLINK(\"x\")", "b\u0000")) {
                ObjectNode batch = JsonNodeFactory.instance
                        .objectNode()
                        .put("batchId", batchId)
                        .put("source", "ADT");
                batch.putArray("referrals").add(Referrals.valid("ADT", ref));
                given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                        .contentType(ContentType.JSON)
                        .body(batch.toString())
                        .post(BatchTest.PATH)
                        .then()
                        .statusCode(400)
                        .contentType("application/problem+json")
                        .body("errors.field", contains("batchId"));
            }
            ObjectNode badSource = JsonNodeFactory.instance.objectNode().put("source", "AD\u0000T");
            badSource.putArray("referrals").add(Referrals.valid("ADT", ref));
            given().header("Authorization", TestTokens.bearer(Roles.ADMIN))
                    .contentType(ContentType.JSON)
                    .body(badSource.toString())
                    .post(BatchTest.PATH)
                    .then()
                    .statusCode(400)
                    .body("errors.field", contains("source"));
            given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                    .contentType("text/csv")
                    .queryParam("source", "ADT")
                    .queryParam("batchId", "no spaces please")
                    .body("sourceReference,area\n" + ref + ",CENTRAL\n")
                    .post(BatchTest.PATH)
                    .then()
                    .statusCode(400)
                    .body("errors.field", contains("batchId"));
            // past Vert.x's default 4 KiB request line: still the service's own answer naming the field, not a
            // bare 414 and a closed connection while the body is on its way
            given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                    .contentType("text/csv")
                    .queryParam("source", "A".repeat(5_000))
                    .body("sourceReference,area\n" + ref + ",CENTRAL\n")
                    .post(BatchTest.PATH)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", contains("source"));
            assertEquals(0, received.drain(QUIET).size());
            assertEquals(0, intake.drain(QUIET).size());
        }
        assertEquals(0, Referrals.count("SELECT count(*) FROM referral WHERE source_reference = ?", ref));
    }

    @Test
    void csvIsDecodedStrictlyAndItsCellsAreHeldToTheSameRules() {
        String ok = Referrals.newReference(), bad = Referrals.newReference();
        String header = "sourceReference,recordedAt,area,crime.category,victim.firstName,consent\n";
        ByteArrayOutputStream invalid = new ByteArrayOutputStream();
        invalid.writeBytes(
                (header + ok + "," + BatchTest.recent() + ",CENTRAL,ASSAULT,Zo").getBytes(StandardCharsets.UTF_8));
        invalid.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28}); // a broken two-byte sequence
        invalid.writeBytes(",EXPLICIT\n".getBytes(StandardCharsets.UTF_8));
        try (TopicProbe received = TopicProbe.open(Topics.REFERRALS_RECEIVED)) {
            given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                    .contentType("text/csv")
                    .queryParam("source", "ADT")
                    .body(invalid.toByteArray())
                    .post(BatchTest.PATH)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString("UTF-8"));
            assertEquals(0, received.drain(QUIET).size());

            String csv = header + ok + "," + BatchTest.recent() + ",CENTRAL,ASSAULT,Zoë,EXPLICIT\n" + bad + ","
                    + BatchTest.recent() + ",CENTRAL,ASSAULT,\"Zo\u0000ë\",EXPLICIT\n";
            given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                    .contentType("text/csv; charset=UTF-8")
                    .queryParam("source", "ADT")
                    .body(csv.getBytes(StandardCharsets.UTF_8))
                    .post(BatchTest.PATH)
                    .then()
                    .statusCode(200)
                    .body("results.status", contains("ACCEPTED", "REJECTED"))
                    .body("results[1].errors.field", contains("victim.firstName"));
            assertEquals(1, received.awaitRecords(1, WAIT).size());
        }
        assertEquals(0, Referrals.count("SELECT count(*) FROM referral WHERE source_reference = ?", bad));
    }

    @Test
    void invalidUtf8JsonIsA400AtEveryJsonDoor() {
        byte[] broken = bytes("{\"source\":\"ADT\",\"sourceReference\":\"X", 0xFF, "\"}");
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .contentType(ContentType.JSON)
                .body(broken)
                .post("/api/v1/referrals")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        byte[] brokenBatch = bytes("{\"source\":\"ADT\",\"referrals\":[{\"sourceReference\":\"", 0xC3, 0x28, "\"}]}");
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .contentType(ContentType.JSON)
                .body(brokenBatch)
                .post(BatchTest.PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        // A surrogate encoded as three bytes (CESU-8) is no UTF-8 either.
        byte[] brokenSelf = bytes("{\"firstName\":\"", 0xED, 0xA0, 0x80, "\",\"area\":\"EAST\"}");
        given().contentType(ContentType.JSON)
                .body(brokenSelf)
                .post("/api/v1/self-referrals")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    /** Text as UTF-8 and integers as raw bytes, in order. */
    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    @Test
    void selfReferralsAreHeldToTheSameRulesAsJsonAndAsAForm() {
        try (TopicProbe received = TopicProbe.open(Topics.REFERRALS_RECEIVED)) {
            given().contentType(ContentType.JSON)
                    .body("{\"firstName\":\"Zo\\u0000\",\"area\":\"EAST\",\"description\":\"" + "d".repeat(2001)
                            + "\"}")
                    .post("/api/v1/self-referrals")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", contains("crime.description", "victim.firstName"));
            given().contentType(ContentType.JSON)
                    .body(("{\"victim\":{\"lastName\":\"" + LONE + "\"},\"crime\":{\"category\":\"ASSAULT\"}}")
                            .replace(LONE, "\\ud800"))
                    .post("/api/v1/self-referrals")
                    .then()
                    .statusCode(400)
                    .body("errors.field", contains("victim.lastName"));
            given().contentType(ContentType.URLENC)
                    .formParam("firstName", "Zo\u0000")
                    .formParam("area", "EAST\u0000")
                    .formParam("age", "34\u0000")
                    .post("/api/v1/self-referrals")
                    .then()
                    .statusCode(400)
                    .contentType(containsString("text/html"))
                    .body(containsString("There is a problem"))
                    .body(containsString("First name"))
                    .body(containsString("Age"))
                    .body(containsString("Area: must not contain NUL characters"));
            assertEquals(0, received.drain(QUIET).size());
        }
    }

    @Test
    void aFormBodyThatIsNoFormInUtf8IsA400NeverA500() throws Exception {
        try (TopicProbe received = TopicProbe.open(Topics.REFERRALS_RECEIVED)) {
            for (byte[] body : List.of(
                    bytes("firstName=%zz&area=EAST"),
                    bytes("firstName=%FF%FE&area=EAST"),
                    bytes("firstName=Zo", 0xC3, 0x28, "&area=EAST"))) {
                // As a browser sends it (no charset: the form asks for UTF-8), and with UTF-8 declared.
                for (String type : List.of(
                        "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=UTF-8")) {
                    HttpResponse<String> answer = rawPost(type, body);
                    assertEquals(400, answer.statusCode(), answer.body());
                    assertTrue(answer.headers()
                            .firstValue("Content-Type")
                            .orElse("")
                            .startsWith("application/problem+json"));
                }
            }
            assertEquals(0, received.drain(QUIET).size());
        }
        assertEquals(
                202,
                rawPost(
                                "application/x-www-form-urlencoded",
                                bytes("firstName=Zo%C3%AB&area=EAST&crimeCategory=ASSAULT"))
                        .statusCode());
        assertEquals(
                415,
                rawPost("application/x-www-form-urlencoded; charset=no-such-charset", bytes("firstName=Zo"))
                        .statusCode());
    }

    /** Exactly these bytes and this content type (RestAssured would add a charset or refuse raw form bytes). */
    static HttpResponse<String> rawPost(String contentType, byte[] body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + RestAssured.port + "/api/v1/self-referrals"))
                                .header("Content-Type", contentType)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPlainSelfReferralStillGoesThrough() {
        given().contentType(ContentType.JSON)
                .body("{\"firstName\":\"Zoë\",\"area\":\"EAST\"}")
                .post("/api/v1/self-referrals")
                .then()
                .statusCode(202)
                .body("status", equalTo("ACCEPTED"));
    }
}

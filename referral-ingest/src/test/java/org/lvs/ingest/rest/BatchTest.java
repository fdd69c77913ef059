package org.lvs.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.IntakeRecorded;
import org.lvs.contract.event.IntakeStatus;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;
import org.lvs.infra.test.TopicProbe;

/** Batches as JSON and as RFC 4180 CSV, against the real broker and database. */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class BatchTest {

    static final String PATH = "/api/v1/referrals/batch";
    static final Duration WAIT = Duration.ofSeconds(20);

    static String recent() {
        return Instant.now().minus(2, ChronoUnit.HOURS).toString();
    }

    @Test
    void jsonBatchAcceptsTheGoodRecordsAndRejectsTheBadOnesInOrder() {
        String a = Referrals.newReference(), b = Referrals.newReference(), c = Referrals.newReference();
        ObjectNode good1 = Referrals.valid("ADT", a);
        good1.remove("source"); // the batch's source applies
        ((ObjectNode) good1.get("victim")).put("firstName", "Siobhán");
        ObjectNode bad = Referrals.valid("ADT", b);
        bad.remove("source");
        ((ObjectNode) bad.get("crime")).put("category", "PICKPOCKETING");
        ((ObjectNode) bad.get("victim")).put("age", 300);
        ObjectNode good2 = Referrals.valid("ADT", c);
        good2.remove("source");
        ((ObjectNode) good2.get("victim")).put("firstName", "Zoë");
        ObjectNode replay = Referrals.valid("ADT", Referrals.newReference());
        replay.put("receivedAt", recent());
        ObjectNode batch =
                JsonNodeFactory.instance.objectNode().put("batchId", "B-" + a).put("source", "ADT");
        batch.putArray("referrals").add(good1).add(bad).add(good2).add(replay);

        try (TopicProbe received = TopicProbe.open(Topics.REFERRALS_RECEIVED);
                TopicProbe intake = TopicProbe.open(Topics.REFERRALS_INTAKE)) {
            given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                    .contentType(ContentType.JSON)
                    .body(batch.toString())
                    .post(PATH)
                    .then()
                    .statusCode(200)
                    .body("batchId", equalTo("B-" + a))
                    .body("accepted", equalTo(2))
                    .body("rejected", equalTo(2))
                    .body("results.index", contains(0, 1, 2, 3))
                    .body("results.status", contains("ACCEPTED", "REJECTED", "ACCEPTED", "REJECTED"))
                    .body("results[0].sourceReference", equalTo(a))
                    .body("results[0].referralId", notNullValue())
                    .body("results[1].referralId", nullValue())
                    .body("results[1].errors.field", contains("crime.category", "victim.age"))
                    .body("results[3].errors.field", hasItem("receivedAt"));

            List<ReferralReceived> published = received.awaitEnvelopes(2, WAIT).stream()
                    .map(e -> e.payloadAs(ReferralReceived.class))
                    .toList();
            assertEquals(
                    List.of("Siobhán", "Zoë"),
                    published.stream()
                            .sorted((x, y) -> x.referral().sourceReference().equals(a) ? -1 : 1)
                            .map(r -> r.referral().victim().firstName())
                            .toList());
            List<IntakeRecorded> intakes = intake.awaitEnvelopes(4, WAIT).stream()
                    .map(e -> e.payloadAs(IntakeRecorded.class))
                    .toList();
            assertEquals(4, intakes.size());
            Map<IntakeStatus, Long> byStatus =
                    intakes.stream().collect(Collectors.groupingBy(IntakeRecorded::status, Collectors.counting()));
            assertEquals(Map.of(IntakeStatus.ACCEPTED, 2L, IntakeStatus.REJECTED, 2L), byStatus);
            assertTrue(intakes.stream().allMatch(i -> ("B-" + a).equals(i.batchId())));
        }

        // The same batch again: duplicates, and the bad records rejected again.
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .contentType(ContentType.JSON)
                .body(batch.toString())
                .post(PATH)
                .then()
                .statusCode(200)
                .body("duplicates", equalTo(2))
                .body("rejected", equalTo(2));
    }

    @Test
    void versionsOfOneReferralInOneBatchAreDecidedInOrder() {
        String ref = Referrals.newReference();
        ObjectNode v1 = Referrals.valid("MASH", ref);
        ObjectNode v2 = v1.deepCopy().put("version", 2).put("area", "WEST");
        ObjectNode batch = JsonNodeFactory.instance.objectNode().put("source", "MASH");
        batch.putArray("referrals").add(v1).add(v2).add(v1);
        given().header("Authorization", TestTokens.bearer(Roles.ADMIN))
                .contentType(ContentType.JSON)
                .body(batch.toString())
                .post(PATH)
                .then()
                .statusCode(200)
                .body("results.status", contains("ACCEPTED", "AMENDED", "STALE"))
                .body("accepted", equalTo(1))
                .body("amended", equalTo(1))
                .body("stale", equalTo(1));
    }

    @Test
    void aBatchOfNewAndKnownReferralsDecidesEachAgainstWhatIsStored() {
        ObjectNode known = Referrals.valid("MASH", Referrals.newReference());
        ObjectNode amended = Referrals.valid("MASH", Referrals.newReference());
        List<String> ids = postBatch(known, amended)
                .body("results.status", contains("ACCEPTED", "ACCEPTED"))
                .extract()
                .path("results.referralId");

        ObjectNode fresh = Referrals.valid("MASH", Referrals.newReference());
        postBatch(known, amended.deepCopy().put("version", 2), fresh)
                .body("results.status", contains("DUPLICATE", "AMENDED", "ACCEPTED"))
                .body("results[0].referralId", equalTo(ids.get(0)))
                .body("results[1].referralId", equalTo(ids.get(1)))
                .body("results[2].referralId", notNullValue());
    }

    private static ValidatableResponse postBatch(ObjectNode... referrals) {
        ObjectNode batch = JsonNodeFactory.instance.objectNode().put("source", "MASH");
        ArrayNode list = batch.putArray("referrals");
        for (ObjectNode referral : referrals) {
            list.add(referral);
        }
        return given().header("Authorization", TestTokens.bearer(Roles.ADMIN))
                .contentType(ContentType.JSON)
                .body(batch.toString())
                .post(PATH)
                .then()
                .statusCode(200);
    }

    @Test
    void csvBatchWithQuotedCommasNewlinesAndUtf8Names() {
        String a = Referrals.newReference(), b = Referrals.newReference(), c = Referrals.newReference();
        String csv = "sourceReference,version,recordedAt,area,crime.category,crime.hateStrands,crime.description,"
                + "victim.firstName,victim.lastName,victim.address.line1,victim.address.postcode,victim.vulnerabilities,consent\r\n"
                + a + ",1," + recent() + ",CENTRAL,HATE_CRIME,RACE|RELIGION,\"Shouted at, then pushed\nover a wall\","
                + "Siobhán,\"O'Neill, Jr\",\"Flat 2, 1 Quay Street\",PR1 2AB,INTIMIDATED|REPEAT_VICTIM,EXPLICIT\r\n"
                + b + ",1," + recent() + ",EAST,BURGLARY,,,Zoë,Example,,,,IMPLIED\r\n"
                + c + ",x," + recent() + ",MARS,,,,Bad,Row,,,,EXPLICIT\r\n";
        try (TopicProbe received = TopicProbe.open(Topics.REFERRALS_RECEIVED)) {
            given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                    .contentType("text/csv; charset=UTF-8")
                    .body(csv.getBytes(StandardCharsets.UTF_8))
                    .queryParam("source", "ADT")
                    .queryParam("batchId", "CSV-" + a)
                    .post(PATH)
                    .then()
                    .statusCode(200)
                    .body("batchId", equalTo("CSV-" + a))
                    .body("accepted", equalTo(2))
                    .body("rejected", equalTo(1))
                    .body("results.status", contains("ACCEPTED", "ACCEPTED", "REJECTED"))
                    .body("results[2].errors.field", contains("version", "area", "crime.category"));
            List<EventEnvelope> envelopes = received.awaitEnvelopes(2, WAIT);
            ReferralReceived first = envelopes.stream()
                    .map(e -> e.payloadAs(ReferralReceived.class))
                    .filter(r -> r.referral().sourceReference().equals(a))
                    .findFirst()
                    .orElseThrow();
            assertEquals("Siobhán", first.referral().victim().firstName());
            assertEquals("O'Neill, Jr", first.referral().victim().lastName());
            assertEquals(
                    "Flat 2, 1 Quay Street", first.referral().victim().address().line1());
            assertEquals(
                    "Shouted at, then pushed\nover a wall",
                    first.referral().crime().description());
            assertEquals(2, first.referral().crime().hateStrands().size());
            assertEquals(2, first.referral().victim().vulnerabilities().size());
        }
    }

    @Test
    void notABatchIs400AndNothingIsAccepted() {
        String ref = Referrals.newReference();
        String truncated = "{\"source\":\"ADT\",\"referrals\":[" + Referrals.valid("ADT", ref) + ",{\"sourceRef";
        try (TopicProbe received = TopicProbe.open(Topics.REFERRALS_RECEIVED)) {
            given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                    .contentType(ContentType.JSON)
                    .body(truncated)
                    .post(PATH)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
            given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                    .contentType("text/csv")
                    .body("")
                    .queryParam("source", "ADT")
                    .post(PATH)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
            given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                    .contentType("text/csv")
                    .body("sourceReference,area\n\"" + ref + ",CENTRAL\n")
                    .queryParam("source", "ADT")
                    .post(PATH)
                    .then()
                    .statusCode(400);
            given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                    .contentType(ContentType.JSON)
                    .body("[1,2,3]")
                    .post(PATH)
                    .then()
                    .statusCode(400);
            assertEquals(0, received.drain(Duration.ofSeconds(2)).size());
        }
    }

    @Test
    void moreThanTenThousandRecordsIs413AndNothingIsAccepted() {
        ObjectNode batch = JsonNodeFactory.instance.objectNode().put("source", "ADT");
        ArrayNode list = batch.putArray("referrals");
        String ref = Referrals.newReference();
        for (int i = 0; i <= 10_000; i++) {
            list.addObject().put("sourceReference", ref + "-" + i);
        }
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .contentType(ContentType.JSON)
                .body(batch.toString())
                .post(PATH)
                .then()
                .statusCode(413)
                .contentType("application/problem+json");
        // Nothing of it stored. (This asked GET /api/v1/referrals/{sourceReference}, a 404 for any reference; a
        // referralId that is no UUID is a 400 now, so the table itself is asked.)
        assertEquals(
                0, Referrals.count("SELECT count(*) FROM ingest.referral WHERE source_reference LIKE ?", ref + "-%"));
    }

    @Test
    void bodyOverTwentyMebibytesIs413() {
        String big = "{\"source\":\"ADT\",\"padding\":\"" + "x".repeat(21 * 1024 * 1024) + "\",\"referrals\":[]}";
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .contentType(ContentType.JSON)
                .body(big)
                .post(PATH)
                .then()
                .statusCode(413)
                .contentType("application/problem+json");
    }

    @Test
    void wrongContentTypeIs415() {
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .contentType("application/xml")
                .body("<batch/>")
                .post(PATH)
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void batchNeedsTheReferrerRole() {
        given().contentType(ContentType.JSON).body("{}").post(PATH).then().statusCode(401);
        given().header("Authorization", TestTokens.bearer(Roles.CASE_HANDLER))
                .contentType(ContentType.JSON)
                .body("{\"referrals\":[]}")
                .post(PATH)
                .then()
                .statusCode(403);
    }
}

package org.lvs.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.EventTypes;
import org.lvs.contract.event.IntakeRecorded;
import org.lvs.contract.event.IntakeStatus;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;
import org.lvs.infra.test.TopicProbe;

/** Every row of referral-contract.md's "What the service answers", against the real broker and database. */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class ReferralContractTest {

    static final String PATH = "/api/v1/referrals";
    static final Duration WAIT = Duration.ofSeconds(15);
    static final Duration QUIET = Duration.ofSeconds(2);

    static Response post(Object body, String... roles) {
        return given().header("Authorization", TestTokens.bearer(roles))
                .contentType(ContentType.JSON)
                .body(body.toString())
                .post(PATH);
    }

    @Test
    void newReferralIsPublishedBeforeThe202() {
        String ref = Referrals.newReference();
        try (TopicProbe received = TopicProbe.open(Topics.REFERRALS_RECEIVED);
                TopicProbe intake = TopicProbe.open(Topics.REFERRALS_INTAKE)) {
            String id = post(Referrals.valid("ADT", ref), Roles.REFERRER)
                    .then()
                    .statusCode(202)
                    .body("status", equalTo("ACCEPTED"))
                    .body("referralId", notNullValue())
                    .extract()
                    .path("referralId");

            List<ConsumerRecord<String, String>> records = received.awaitRecords(1, WAIT);
            assertEquals(1, records.size());
            assertEquals(id, records.get(0).key());
            EventEnvelope envelope = EventJson.read(records.get(0).value());
            assertEquals(EventTypes.REFERRAL_RECEIVED, envelope.type());
            ReferralReceived payload = envelope.payloadAs(ReferralReceived.class);
            assertEquals(id, payload.referralId().toString());
            assertEquals("Amina", payload.referral().victim().firstName());
            assertEquals("35-44", payload.referral().victim().ageBand().label()); // born 1990, recorded now
            assertEquals(payload.receivedAt(), payload.firstReceivedAt());
            assertEquals(payload.receivedAt(), payload.referral().receivedAt());

            List<ConsumerRecord<String, String>> intakes = intake.awaitRecords(1, WAIT);
            assertEquals("ADT", intakes.get(0).key());
            IntakeRecorded recorded = EventJson.read(intakes.get(0).value()).payloadAs(IntakeRecorded.class);
            assertEquals(IntakeStatus.ACCEPTED, recorded.status());
            assertEquals(ref, recorded.sourceReference());
            assertTrue(!intakes.get(0).value().contains("Amina"), "intake carries no personal data");

            given().header("Authorization", TestTokens.bearer(Roles.CASE_HANDLER))
                    .get(PATH + "/" + id)
                    .then()
                    .statusCode(200)
                    .body("referralId", equalTo(id))
                    .body("versions", hasSize(1))
                    .body("versions[0].version", equalTo(1))
                    .body("versions[0].receivedAt", notNullValue());
        }
    }

    @Test
    void sameVersionSameContentIsADuplicateAndNotPublishedAgain() {
        ObjectNode referral = Referrals.valid("ADT", Referrals.newReference());
        String id =
                post(referral, Roles.REFERRER).then().statusCode(202).extract().path("referralId");
        try (TopicProbe received = TopicProbe.open(Topics.REFERRALS_RECEIVED);
                TopicProbe intake = TopicProbe.open(Topics.REFERRALS_INTAKE)) {
            referral.put("feedSequence", 123456789); // a resend carries a new feed number: still the same record
            post(referral, Roles.REFERRER)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("DUPLICATE"))
                    .body("referralId", equalTo(id));
            assertEquals(0, received.drain(QUIET).size());
            List<EventEnvelope> intakes = intake.awaitEnvelopes(1, WAIT);
            assertEquals(
                    IntakeStatus.DUPLICATE,
                    intakes.get(0).payloadAs(IntakeRecorded.class).status());
        }
    }

    @Test
    void sameVersionDifferentContentIs409AndNothingPublished() {
        ObjectNode referral = Referrals.valid("ADT", Referrals.newReference());
        post(referral, Roles.REFERRER).then().statusCode(202);
        try (TopicProbe received = TopicProbe.open(Topics.REFERRALS_RECEIVED)) {
            referral.put("area", "NORTH");
            post(referral, Roles.REFERRER)
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("status", equalTo(409));
            assertEquals(0, received.drain(QUIET).size());
        }
    }

    @Test
    void higherVersionAmendsWithTheSameIdAndLowerVersionIsStale() {
        ObjectNode referral = Referrals.valid("OFFICER_DIRECT", Referrals.newReference());
        String id =
                post(referral, Roles.REFERRER).then().statusCode(202).extract().path("referralId");
        try (TopicProbe received = TopicProbe.open(Topics.REFERRALS_RECEIVED)) {
            referral.put("version", 2);
            referral.put("area", "SOUTH");
            post(referral, Roles.REFERRER)
                    .then()
                    .statusCode(202)
                    .body("status", equalTo("AMENDED"))
                    .body("referralId", equalTo(id));
            ReferralReceived amended = received.awaitEnvelopes(1, WAIT).get(0).payloadAs(ReferralReceived.class);
            assertEquals(2, amended.version());
            assertEquals("SOUTH", amended.referral().area());
            assertTrue(!amended.receivedAt().isBefore(amended.firstReceivedAt()));

            referral.put("version", 1);
            referral.put("area", "CENTRAL");
            post(referral, Roles.REFERRER)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("STALE"))
                    .body("referralId", equalTo(id));
            assertEquals(0, received.drain(QUIET).size());
        }
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .get(PATH + "/" + id)
                .then()
                .statusCode(200)
                .body("versions.version", containsInAnyOrder(1, 2))
                .body("versions.status", containsInAnyOrder("ACCEPTED", "AMENDED"));
    }

    @Test
    void invalidReferralNamesEveryBadFieldAndNothingIsPublishedOrStored() throws Exception {
        String ref = Referrals.newReference();
        ObjectNode referral = Referrals.valid("ADT", ref);
        referral.put("version", 0);
        referral.put("area", "ATLANTIS");
        referral.put("recordedAt", Instant.now().plus(Duration.ofMinutes(10)).toString());
        ((ObjectNode) referral.get("crime")).remove("category");
        ((ObjectNode) referral.get("victim")).put("dateOfBirth", "2999-01-01");
        ((ObjectNode) referral.get("victim")).put("gender", "SOMETIMES");
        referral.remove("consent");
        try (TopicProbe received = TopicProbe.open(Topics.REFERRALS_RECEIVED);
                TopicProbe intake = TopicProbe.open(Topics.REFERRALS_INTAKE)) {
            post(referral, Roles.REFERRER)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body(
                            "errors.field",
                            containsInAnyOrder(
                                    "version",
                                    "area",
                                    "recordedAt",
                                    "crime.category",
                                    "victim.dateOfBirth",
                                    "victim.gender",
                                    "consent"));
            assertEquals(0, received.drain(QUIET).size());
            IntakeRecorded rejected = intake.awaitEnvelopes(1, WAIT).get(0).payloadAs(IntakeRecorded.class);
            assertEquals(IntakeStatus.REJECTED, rejected.status());
            assertEquals(7, rejected.errors().size());
            assertTrue(!intake.toString().contains("ATLANTIS"));
        }
        // Nothing of the rejected referral is kept; only the rejections feed lists it for the police, with the
        // reference it carried (valid) and the names of its bad fields (GET /api/v1/feeds/{source}/rejections).
        assertTrue(
                !Referrals.dumpIngestSchema(Set.of("rejection")).contains(ref),
                "nothing stored for a rejected referral");
        String listed = Referrals.dumpIngestSchema()
                .lines()
                .filter(l -> l.contains(ref))
                .findFirst()
                .orElseThrow();
        assertTrue(
                listed.startsWith("rejection:")
                        && !listed.contains("ATLANTIS")
                        && !listed.contains("Amina")
                        && !listed.contains("SOMETIMES"),
                listed);
    }

    @Test
    void bodyThatIsNotJsonIs400() {
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .contentType(ContentType.JSON)
                .body("{\"source\": \"ADT\", ")
                .post(PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void bodyOverOneMebibyteIs413() {
        ObjectNode referral = Referrals.valid("ADT", Referrals.newReference());
        referral.put("padding", "x".repeat(1024 * 1024));
        post(referral, Roles.REFERRER).then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void wrongContentTypeIs415() {
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .contentType("text/plain")
                .body(Referrals.valid("ADT", Referrals.newReference()).toString())
                .post(PATH)
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void receivedAtIsForAdminOnly() {
        ObjectNode referral = Referrals.valid("ADT", Referrals.newReference());
        referral.put("recordedAt", "2017-08-14T09:30:00+01:00");
        referral.put("receivedAt", "2017-08-14T11:00:00+01:00");
        post(referral, Roles.REFERRER).then().statusCode(403).contentType("application/problem+json");
        try (TopicProbe received = TopicProbe.open(Topics.REFERRALS_RECEIVED)) {
            post(referral, Roles.ADMIN).then().statusCode(202);
            ReferralReceived replayed = received.awaitEnvelopes(1, WAIT).get(0).payloadAs(ReferralReceived.class);
            assertEquals(Instant.parse("2017-08-14T10:00:00Z"), replayed.receivedAt());
            assertEquals(Instant.parse("2017-08-14T10:00:00Z"), replayed.firstReceivedAt());
        }
    }

    @Test
    void tokensAndRoles() {
        given().contentType(ContentType.JSON).body("{}").post(PATH).then().statusCode(401);
        post(Referrals.valid("ADT", Referrals.newReference()), Roles.OPS).then().statusCode(403);
        post(Referrals.valid("ADT", Referrals.newReference()), Roles.CASE_HANDLER)
                .then()
                .statusCode(403);
        given().get(PATH + "/" + UUID.randomUUID()).then().statusCode(401);
        given().header("Authorization", TestTokens.bearer(Roles.OPS))
                .get(PATH + "/" + UUID.randomUUID())
                .then()
                .statusCode(403);
    }

    @Test
    void unknownReferralIs404AndAMalformedIdIs400NamingIt() {
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .get(PATH + "/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .get(PATH + "/not-a-uuid")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("referralId"));
    }

    @Test
    void aVersionWhosePublicationWasNeverConfirmedIsPublishedAgainNotAnsweredDuplicate() throws Exception {
        ObjectNode referral = Referrals.valid("ADT", Referrals.newReference());
        String id =
                post(referral, Roles.REFERRER).then().statusCode(202).extract().path("referralId");
        // As if the service had crashed between the broker's acknowledgement and marking the version published.
        try (Connection c = Referrals.db();
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE referral_version SET published = false WHERE referral_id = '" + id + "'");
        }
        try (TopicProbe received = TopicProbe.open(Topics.REFERRALS_RECEIVED)) {
            post(referral, Roles.REFERRER)
                    .then()
                    .statusCode(202)
                    .body("status", equalTo("ACCEPTED"))
                    .body("referralId", equalTo(id));
            List<EventEnvelope> again = received.awaitEnvelopes(1, WAIT);
            assertEquals(
                    ReferralReceived.eventId(UUID.fromString(id), 1),
                    again.get(0).eventId());
        }
        post(referral, Roles.REFERRER).then().statusCode(200).body("status", equalTo("DUPLICATE"));
    }

    @Test
    void unknownFieldsAreIgnoredAndInvalidContactDetailsKept() {
        ObjectNode referral = Referrals.valid("ADT", Referrals.newReference());
        referral.put("integrationAddedThis", "whatever");
        ((ObjectNode) referral.get("victim")).put("phone", "not a number");
        ((ObjectNode) referral.get("victim")).put("email", "nope");
        try (TopicProbe received = TopicProbe.open(Topics.REFERRALS_RECEIVED)) {
            post(referral, Roles.REFERRER).then().statusCode(202);
            ReferralReceived r = received.awaitEnvelopes(1, WAIT).get(0).payloadAs(ReferralReceived.class);
            assertEquals("not a number", r.referral().victim().phone());
        }
    }
}

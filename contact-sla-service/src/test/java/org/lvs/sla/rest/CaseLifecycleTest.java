package org.lvs.sla.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvs.sla.support.Api.admin;
import static org.lvs.sla.support.Api.awaitCase;
import static org.lvs.sla.support.Api.get;
import static org.lvs.sla.support.Api.handler;
import static org.lvs.sla.support.Api.post;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.contract.Topics;
import org.lvs.contract.casework.CaseStatus;
import org.lvs.contract.event.CaseEvent;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.referral.Consent;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestClockProducer;
import org.lvs.infra.test.TestTokens;
import org.lvs.infra.test.TopicProbe;
import org.lvs.sla.support.Api;
import org.lvs.sla.support.Upstream;

/** Cases from decisions on the real topics, and the case actions, against the real broker and database. */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class CaseLifecycleTest {

    @AfterEach
    void resetClock() {
        TestClockProducer.CLOCK.reset();
    }

    private static Instant hoursAgo(long h) {
        return TestClockProducer.CLOCK.instant().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(h));
    }

    @Test
    void decisionOpensACaseWithItsClockAndTheConsentedVictimsDetails() {
        UUID id = UUID.randomUUID();
        Instant received = hoursAgo(1);
        try (TopicProbe events = TopicProbe.open(Topics.CASES_EVENTS)) {
            // the received referral arrives before or after the decision: both orders work
            Upstream.send(Upstream.received(id, 1, "Jane", "Doe", "07700 900123", "P-" + id, Consent.EXPLICIT));
            Upstream.decision().id(id).receivedAt(received).send();
            JsonPath c = awaitCase(id);
            assertEquals("OPEN", c.getString("status"));
            assertEquals("PRIORITY", c.getString("priority"));
            assertEquals("DOMESTIC_ABUSE", c.getString("strand"));
            assertEquals("IDVA", c.getString("pathway"));
            assertEquals("RUNNING", c.getString("clock.clockState"));
            assertEquals(received, Instant.parse(c.getString("clock.startedAt")));
            assertEquals(received.plus(Duration.ofHours(48)), Instant.parse(c.getString("clock.dueAt")));
            double remaining = c.getDouble("clock.hoursRemaining");
            assertTrue(remaining > 46.0 && remaining <= 47.01, "hours remaining " + remaining);
            assertEquals(0, c.getLong("clock.pausedSeconds"));
            await().atMost(Duration.ofSeconds(30)).until(() -> awaitCase(id).getString("victim.lastName") != null);
            assertEquals("Doe", awaitCase(id).getString("victim.lastName"));

            List<EventEnvelope> mine = events.drain(Duration.ofSeconds(4)).stream()
                    .filter(r -> id.toString().equals(r.key()))
                    .map(r -> EventJson.read(r.value()))
                    .toList();
            assertEquals(
                    List.of("CaseOpened", "SLA_STARTED"),
                    mine.stream().map(EventEnvelope::type).toList());
            CaseEvent opened = mine.get(0).payloadAs(CaseEvent.class);
            assertEquals(CaseStatus.OPEN, opened.status());
            assertEquals(received.plus(Duration.ofHours(48)), opened.dueAt());
            assertFalse(mine.get(0).payload().toString().contains("Doe"), "no personal data on cases.events");
        }
    }

    @Test
    void historicalReplayReceived60HoursAgoIsBreachedOnceWithinAMinute() {
        UUID id = UUID.randomUUID();
        Upstream.Decision d = Upstream.decision().id(id).receivedAt(hoursAgo(60));
        try (TopicProbe events = TopicProbe.open(Topics.CASES_EVENTS)) {
            d.send();
            awaitCase(id);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> "BREACHED".equals(Api.get(id).jsonPath().getString("clock.clockState")));
            JsonPath c = Api.get(id).jsonPath();
            assertTrue(c.getDouble("clock.hoursOverdue") >= 11.9);
            // re-delivery of the same decision changes nothing
            d.send();
            List<ConsumerRecord<String, String>> records = events.drain(Duration.ofSeconds(6));
            List<String> types = records.stream()
                    .filter(r -> id.toString().equals(r.key()))
                    .map(r -> EventJson.read(r.value()).type())
                    .toList();
            assertEquals(1, types.stream().filter("SLA_BREACHED"::equals).count(), types.toString());
            assertEquals(1, types.stream().filter("SLA_AT_RISK"::equals).count(), types.toString());
            assertTrue(types.indexOf("SLA_AT_RISK") < types.indexOf("SLA_BREACHED"), "skipped states in order");
            assertEquals(1, types.stream().filter("CaseOpened"::equals).count());
        }
        given().header("Authorization", handler())
                .queryParam("area", d.area)
                .get("/api/v1/sla/breaches")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].referralId", equalTo(id.toString()))
                .body("items[0].clockState", equalTo("BREACHED"))
                .body("items[0].breachedAt", notNullValue());
    }

    @Test
    void contactIsRefusedUntilScreenedAndTheClockPausesMeanwhile() {
        TestClockProducer.CLOCK.set(Instant.now().truncatedTo(ChronoUnit.MILLIS)); // frozen: paused time is exact
        UUID id = UUID.randomUUID();
        Instant received = hoursAgo(10);
        Upstream.decision()
                .id(id)
                .receivedAt(received)
                .status(CaseStatus.SCREENING)
                .send();
        JsonPath c = awaitCase(id);
        assertEquals("SCREENING", c.getString("status"));
        assertEquals("PAUSED", c.getString("clock.clockState"));
        String contact = "{\"channel\":\"PHONE\",\"outcome\":\"SPOKE_TO_VICTIM\"}";
        post(id, "contacts", handler(), contact).then().statusCode(409).contentType("application/problem+json");
        post(id, "consent", handler(), "{\"confirmed\":true}").then().statusCode(409);
        // screened four hours ago (admin replays it): six hours paused
        post(
                        id,
                        "screening",
                        admin(),
                        "{\"safeToContact\":true,\"note\":\"checked with the officer\",\"at\":\"" + hoursAgo(4) + "\"}")
                .then()
                .statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("clock.clockState", equalTo("RUNNING"))
                .body("clock.pausedSeconds", equalTo(6 * 3600));
        assertEquals(
                received.plus(Duration.ofHours(54)),
                Instant.parse(Api.get(id).jsonPath().getString("clock.dueAt")));
        post(id, "screening", handler(), "{\"safeToContact\":true}").then().statusCode(409);
        post(id, "contacts", handler(), "{\"channel\":\"PHONE\",\"outcome\":\"NO_ANSWER\"}")
                .then()
                .statusCode(200)
                .body("attempts", equalTo(1))
                .body("clock.clockState", equalTo("RUNNING"));
        post(
                        id,
                        "contacts",
                        handler(),
                        "{\"channel\":\"PHONE\",\"outcome\":\"SPOKE_TO_VICTIM\","
                                + "\"supportTypes\":[\"IMMEDIATE_SUPPORT\",\"SAFETY_PLANNING\"],\"handler\":\"jsmith\"}")
                .then()
                .statusCode(200)
                .body("clock.clockState", equalTo("MET"))
                .body("contactsMade", equalTo(1))
                .body("contacts[1].supportTypes", hasItem("SAFETY_PLANNING"));
        assertEquals(1, Api.eventCount(id, "SLA_PAUSED"));
        assertEquals(1, Api.eventCount(id, "SLA_RESUMED"));
        assertEquals(1, Api.eventCount(id, "SLA_MET"));
        assertEquals(2, Api.eventCount(id, "ContactRecorded"));
    }

    @Test
    void impliedConsentWaitsForConfirmationAndARefusalClosesAndErases() {
        UUID confirmed = UUID.randomUUID();
        Upstream.decision().id(confirmed).status(CaseStatus.AWAITING_CONSENT).send();
        assertEquals("AWAITING_CONSENT", awaitCase(confirmed).getString("status"));
        assertEquals("RUNNING", awaitCase(confirmed).getString("clock.clockState"), "awaiting consent does not pause");
        post(confirmed, "contacts", handler(), "{\"channel\":\"PHONE\",\"outcome\":\"NO_ANSWER\"}")
                .then()
                .statusCode(409);
        post(confirmed, "consent", handler(), "{\"confirmed\":true}")
                .then()
                .statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("consentConfirmed", equalTo(true));

        UUID refused = UUID.randomUUID();
        Upstream.send(Upstream.received(refused, 1, "Amy", "Refuser", "07700 900555", "P-" + refused, Consent.IMPLIED));
        Upstream.decision().id(refused).status(CaseStatus.AWAITING_CONSENT).send();
        awaitCase(refused);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Api.get(refused).jsonPath().get("victim") != null);
        post(refused, "consent", handler(), "{\"confirmed\":false}")
                .then()
                .statusCode(200)
                .body("status", equalTo("CLOSED"))
                .body("closureReason", equalTo("CONSENT_WITHDRAWN"))
                .body("clock.clockState", equalTo("CANCELLED"))
                .body("victim", nullValue())
                .body("personalDataErased", equalTo(true));
        assertEquals(
                0, Api.count("select count(*) from sla.case_person where referral_id = ?::uuid", refused.toString()));
        // closed: nothing but erasure
        post(refused, "assignment", handler(), "{\"worker\":\"w1\"}").then().statusCode(409);
        assertEquals(1, Api.eventCount(refused, "SLA_CANCELLED"));
    }

    @Test
    void contactAfterDueIsMetLateAndShowsInAllBreaches() {
        TestClockProducer.CLOCK.set(Instant.now().truncatedTo(ChronoUnit.MILLIS)); // frozen: hours overdue are exact
        UUID id = UUID.randomUUID();
        Upstream.Decision d =
                Upstream.decision().id(id).receivedAt(hoursAgo(50)).send();
        awaitCase(id);
        post(
                        id,
                        "contacts",
                        admin(),
                        "{\"channel\":\"PHONE\",\"outcome\":\"VICTIM_RESPONDED\",\"at\":\"" + hoursAgo(1) + "\"}")
                .then()
                .statusCode(200)
                .body("clock.clockState", equalTo("MET_LATE"))
                .body("clock.hoursOverdue", equalTo(1.0f));
        given().header("Authorization", handler())
                .queryParam("area", d.area)
                .get("/api/v1/sla/breaches")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        given().header("Authorization", handler())
                .queryParam("area", d.area)
                .queryParam("open", "false")
                .get("/api/v1/sla/breaches")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].clockState", equalTo("MET_LATE"))
                .body("items[0].hoursOverdue", equalTo(1.0f));
    }

    @Test
    void replayedContactBeforeDueTurnsABreachIntoMet() {
        UUID id = UUID.randomUUID();
        Upstream.decision().id(id).receivedAt(hoursAgo(60)).send();
        awaitCase(id);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "BREACHED".equals(Api.get(id).jsonPath().getString("clock.clockState")));
        post(
                        id,
                        "contacts",
                        admin(),
                        "{\"channel\":\"PHONE\",\"outcome\":\"SPOKE_TO_VICTIM\",\"at\":\"" + hoursAgo(20) + "\"}")
                .then()
                .statusCode(200)
                .body("clock.clockState", equalTo("MET"));
    }

    @Test
    void onlyAdminMaySetAtAndTokensAreRequired() {
        UUID id = UUID.randomUUID();
        Upstream.decision().id(id).send();
        awaitCase(id);
        post(
                        id,
                        "contacts",
                        handler(),
                        "{\"channel\":\"PHONE\",\"outcome\":\"NO_ANSWER\",\"at\":\"" + hoursAgo(1) + "\"}")
                .then()
                .statusCode(403);
        given().get(Api.CASES + id).then().statusCode(401);
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .get(Api.CASES + id)
                .then()
                .statusCode(403);
        given().header("Authorization", handler())
                .delete(Api.CASES + id + "/personal-data")
                .then()
                .statusCode(403);
        given().get("/api/v1/sla/breaches").then().statusCode(401);
        given().header("Authorization", TestTokens.bearer(Roles.OPS))
                .get("/api/v1/workers")
                .then()
                .statusCode(403);
        given().header("Authorization", handler())
                .get(Api.CASES + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void invalidBodiesNameEveryBadField() {
        UUID id = UUID.randomUUID();
        Upstream.decision().id(id).send();
        awaitCase(id);
        post(id, "contacts", handler(), "{\"channel\":\"PIGEON\",\"note\":\"" + "x".repeat(2001) + "\"}")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("channel"))
                .body("errors.field", hasItem("outcome"))
                .body("errors.field", hasItem("note"));
        post(id, "outcomes", handler(), "{\"stage\":\"START\",\"scores\":{\"wellbeing\":11,\"safety\":6}}")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("scores.wellbeing"));
        post(id, "closure", handler(), "{\"reason\":\"BORED\"}")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("reason"));
        post(id, "contacts", handler(), "{\"channel\":\"PHONE\",\"outcome\":\"NO_ANSWER\"}")
                .then()
                .statusCode(200)
                .body("attempts", equalTo(1));
    }

    @Test
    void assignRegradeServicesOutcomesCloseAndAudit() {
        UUID id = UUID.randomUUID();
        Upstream.decision().id(id).send();
        awaitCase(id);
        post(id, "assignment", handler(), "{\"worker\":\"audit-worker\"}")
                .then()
                .statusCode(200)
                .body("worker", equalTo("audit-worker"))
                .body("capacity", equalTo(40));
        post(
                        id,
                        "pathway",
                        handler(),
                        "{\"pathway\":\"IVA\",\"riskLevel\":\"STANDARD\",\"reason\":\"graded too " + "high by MASH\"}")
                .then()
                .statusCode(200)
                .body("pathway", equalTo("IVA"))
                .body("riskLevel", equalTo("STANDARD"));
        post(id, "services", handler(), "{\"service\":\"COUNSELLING\"}")
                .then()
                .statusCode(200)
                .body("services[0].service", equalTo("COUNSELLING"))
                .body("services[0].startedAt", nullValue());
        post(id, "services/COUNSELLING/start", handler(), "{}")
                .then()
                .statusCode(200)
                .body("services[0].startedAt", notNullValue());
        post(id, "services/COUNSELLING/start", handler(), "{}").then().statusCode(409);
        post(id, "services/KNITTING/start", handler(), "{}").then().statusCode(400);
        post(id, "outcomes", handler(), "{\"stage\":\"START\",\"scores\":{\"wellbeing\":4,\"safety\":6}}")
                .then()
                .statusCode(200)
                .body("outcomes.START.scores.wellbeing", equalTo(4));
        post(id, "outcomes", handler(), "{\"stage\":\"START\",\"scores\":{\"wellbeing\":5}}")
                .then()
                .statusCode(200)
                .body("outcomes.START.scores.wellbeing", equalTo(5));
        post(id, "closure", handler(), "{\"reason\":\"SUPPORT_COMPLETED\"}")
                .then()
                .statusCode(200)
                .body("status", equalTo("CLOSED"))
                .body("clock.clockState", equalTo("RUNNING"));
        post(id, "outcomes", handler(), "{\"stage\":\"END\",\"scores\":{\"wellbeing\":8}}")
                .then()
                .statusCode(409);
        JsonPath audit = given().header("Authorization", handler())
                .get(Api.CASES + id + "/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(
                List.of(
                        "CASE_OPENED",
                        "ASSIGNED",
                        "REGRADED",
                        "SERVICE_REQUESTED",
                        "SERVICE_STARTED",
                        "OUTCOME_RECORDED",
                        "OUTCOME_RECORDED",
                        "CASE_CLOSED"),
                audit.getList("action"));
        assertTrue(audit.getList("actor").contains("triage-service"));
        assertFalse(audit.prettify().contains("graded too high"), "free text stays out of the audit trail");
        assertEquals(1, Api.eventCount(id, "CaseAssigned"));
        assertEquals(1, Api.eventCount(id, "ServiceRequested"));
        assertEquals(1, Api.eventCount(id, "ServiceStarted"));
        assertEquals(2, Api.eventCount(id, "OutcomeRecorded"));
        assertEquals(1, Api.eventCount(id, "CaseClosed"));
    }

    /**
     * Every action answers with the case's view, which reads contacts, services and outcomes only when the case's own
     * counts say it has some (issue 14). The counts follow the rows, and the view shows every row with its note.
     */
    @Test
    void theViewShowsEveryContactServiceAndOutcomeTheCountsName() {
        UUID id = UUID.randomUUID();
        Upstream.decision().id(id).send();
        awaitCase(id);
        get(id).then()
                .statusCode(200)
                .body("contacts", empty())
                .body("services", empty())
                .body("outcomes.size()", equalTo(0));
        List<List<String>> actions = List.of(
                List.of("contacts", "{\"channel\":\"PHONE\",\"outcome\":\"NO_ANSWER\",\"note\":\"voicemail\"}"),
                List.of("contacts", "{\"channel\":\"EMAIL\",\"outcome\":\"NO_ANSWER\"}"),
                List.of("services", "{\"service\":\"COUNSELLING\"}"),
                List.of("services/COUNSELLING/start", "{}"),
                List.of("services", "{\"service\":\"THERAPY\"}"),
                List.of("outcomes", "{\"stage\":\"START\",\"scores\":{\"wellbeing\":4}}"),
                List.of("outcomes", "{\"stage\":\"START\",\"scores\":{\"wellbeing\":5}}"));
        for (List<String> action : actions) {
            post(id, action.get(0), handler(), action.get(1)).then().statusCode(200);
        }
        post(id, "outcomes", handler(), "{\"stage\":\"END\",\"scores\":{\"wellbeing\":6}}")
                .then()
                .statusCode(200)
                .body("contacts.channel", contains("PHONE", "EMAIL"))
                .body("contacts.note", contains("voicemail", null))
                .body("services.service", contains("COUNSELLING", "THERAPY"))
                .body("services[0].startedAt", notNullValue())
                .body("services[1].startedAt", nullValue())
                .body("outcomes.START.scores.wellbeing", equalTo(5))
                .body("outcomes.END.scores.wellbeing", equalTo(6));
        assertEquals(
                Api.count("select count(*) from sla.case_service where referral_id = ?::uuid", id.toString()),
                Api.count("select services_requested from sla.sla_case where referral_id = ?::uuid", id.toString()));
        assertEquals(
                Api.count("select count(*) from sla.case_outcome where referral_id = ?::uuid", id.toString()),
                Api.count("select outcome_stages from sla.sla_case where referral_id = ?::uuid", id.toString()));
    }

    @Test
    void erasureDeletesPersonalDataButKeepsCountsAndClock() {
        UUID id = UUID.randomUUID();
        Upstream.send(Upstream.received(id, 1, "Erin", "Erasable", "07700 900777", "P-" + id, Consent.EXPLICIT));
        Upstream.decision().id(id).send();
        awaitCase(id);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Api.get(id).jsonPath().get("victim") != null);
        post(
                        id,
                        "contacts",
                        handler(),
                        "{\"channel\":\"PHONE\",\"outcome\":\"SPOKE_TO_VICTIM\",\"note\":\"she "
                                + "asked for a call back\"}")
                .then()
                .statusCode(200)
                .body("contacts[0].note", notNullValue());
        given().header("Authorization", admin())
                .delete(Api.CASES + id + "/personal-data")
                .then()
                .statusCode(200)
                .body("victim", nullValue())
                .body("personalDataErased", equalTo(true))
                .body("contacts[0].note", nullValue())
                .body("contactsMade", equalTo(1))
                .body("clock.clockState", equalTo("MET"));
        assertEquals(0, Api.count("select count(*) from sla.case_person where referral_id = ?::uuid", id.toString()));
        assertEquals(0, Api.count("select count(*) from sla.case_note where referral_id = ?::uuid", id.toString()));
        // a late copy of the referral does not bring it back
        Upstream.send(Upstream.received(id, 2, "Erin", "Erasable", "07700 900777", "P-" + id, Consent.EXPLICIT));
        Upstream.decision().id(id).version(2).send();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Api.get(id).jsonPath().getInt("version") == 2);
        assertNull(Api.get(id).jsonPath().get("victim"));
    }

    @Test
    void amendmentsFollowTheNewestVersionWithoutUndoingHumanSteps() {
        UUID id = UUID.randomUUID();
        Upstream.decision().id(id).status(CaseStatus.SCREENING).send();
        awaitCase(id);
        post(id, "screening", handler(), "{\"safeToContact\":true}")
                .then()
                .statusCode(200)
                .body("status", equalTo("OPEN"));
        // version 2 is standard priority and still unsafe (not newly): stays screened, target follows
        Upstream.decision()
                .id(id)
                .version(2)
                .status(CaseStatus.SCREENING)
                .standard()
                .send();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Api.get(id).jsonPath().getInt("version") == 2);
        JsonPath c = Api.get(id).jsonPath();
        assertEquals("OPEN", c.getString("status"));
        assertEquals("STANDARD", c.getString("priority"));
        assertEquals(120, c.getInt("clock.targetHours"));
        // a late version 1 changes nothing
        Upstream.decision().id(id).version(1).send();
        // version 3 declines consent: closed, erased, clock cancelled
        Upstream.decision().id(id).version(3).declined().send();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "CLOSED".equals(Api.get(id).jsonPath().getString("status")));
        c = Api.get(id).jsonPath();
        assertEquals("CONSENT_WITHDRAWN", c.getString("closureReason"));
        assertEquals("CANCELLED", c.getString("clock.clockState"));
        assertEquals(3, c.getInt("version"));
    }

    @Test
    void aReDecisionSupersedesLikeAnAmendmentAndALowerRevisionIsIgnored() {
        UUID id = UUID.randomUUID();
        Instant received = hoursAgo(2);
        Upstream.decision().id(id).receivedAt(received).standard().send();
        assertEquals(120, awaitCase(id).getInt("clock.targetHours"));
        // triage re-decides version 1 (an earlier referral of the same victim arrived late): the target follows
        Upstream.decision().id(id).receivedAt(received).revision(2).send();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Api.get(id).jsonPath().getInt("revision") == 2);
        JsonPath c = Api.get(id).jsonPath();
        assertEquals(1, c.getInt("version"));
        assertEquals("PRIORITY", c.getString("priority"));
        assertEquals(48, c.getInt("clock.targetHours"));
        assertEquals(received.plus(Duration.ofHours(48)), Instant.parse(c.getString("clock.dueAt")));
        // a lower revision of the same version arriving late changes nothing
        Upstream.decision().id(id).receivedAt(received).standard().revision(1).send();
        // a higher version supersedes any revision of a lower one
        Upstream.decision()
                .id(id)
                .version(2)
                .receivedAt(received)
                .status(CaseStatus.SCREENING)
                .send();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Api.get(id).jsonPath().getInt("version") == 2);
        c = Api.get(id).jsonPath();
        assertEquals(0, c.getInt("revision"));
        assertEquals(48, c.getInt("clock.targetHours"), "revision 1 (STANDARD) was never applied");
        assertEquals(1, Api.eventCount(id, "CaseOpened"));
        assertEquals(2, Api.eventCount(id, "CaseUpdated"), "revision 2 and version 2; revision 1 ignored");
    }

    @Test
    void newlyUnsafeAmendmentSendsTheCaseBackToScreening() {
        UUID id = UUID.randomUUID();
        Upstream.decision().id(id).send();
        awaitCase(id);
        Upstream.decision().id(id).version(2).status(CaseStatus.SCREENING).send();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "SCREENING".equals(Api.get(id).jsonPath().getString("status")));
        assertEquals("PAUSED", Api.get(id).jsonPath().getString("clock.clockState"));
    }

    @Test
    void declinedThenAmendedToOpenStartsTheClockAtTheOpeningVersion() {
        UUID id = UUID.randomUUID();
        Instant v2Received = hoursAgo(2);
        Upstream.decision().id(id).declined().receivedAt(hoursAgo(30)).send();
        Upstream.decision().id(id).version(2).receivedAt(v2Received).send();
        JsonPath c = awaitCase(id);
        assertEquals(v2Received, Instant.parse(c.getString("clock.startedAt")));
        assertEquals("OPEN", c.getString("status"));
    }

    @Test
    void poisonDecisionGoesToTheDeadLetterTopic() {
        try (TopicProbe dlq = TopicProbe.open(Topics.dlq(Topics.REFERRALS_TRIAGED))) {
            TopicProbe.send(Topics.REFERRALS_TRIAGED, "poison", "{not json");
            List<ConsumerRecord<String, String>> records = dlq.awaitRecords(1, Duration.ofSeconds(60));
            assertEquals("poison", records.get(0).key());
        }
    }
}

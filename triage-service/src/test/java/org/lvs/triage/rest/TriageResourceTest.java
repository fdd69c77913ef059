package org.lvs.triage.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lvs.triage.support.Events.awaitFor;
import static org.lvs.triage.support.Events.awaitForAll;
import static org.lvs.triage.support.Events.received;
import static org.lvs.triage.support.Events.referral;
import static org.lvs.triage.support.Events.send;
import static org.lvs.triage.support.Events.uniqueReference;
import static org.lvs.triage.support.Events.victim;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.contract.Topics;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.Source;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;
import org.lvs.infra.test.TopicProbe;
import org.lvs.triage.domain.PolicySettings;

/** The triage API: security, errors, and the feedback the police pull. */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class TriageResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    PolicySettings settings;

    @Test
    void theConfiguredPolicyIsTheSpecsDefault() {
        assertEquals(PolicySettings.defaults(), settings);
    }

    @Test
    void withoutATokenIs401AndWithTheWrongRole403() {
        UUID id = UUID.randomUUID();
        given().get("/api/v1/triage/{id}", id).then().statusCode(401);
        given().header("Authorization", TestTokens.bearer(Roles.OPS))
                .get("/api/v1/triage/{id}", id)
                .then()
                .statusCode(403)
                .contentType(startsWith("application/problem+json"));
        given().get("/api/v1/triage/feedback?source=ADT&since=2017-08-01T00:00:00Z")
                .then()
                .statusCode(401);
        given().header("Authorization", TestTokens.bearer(Roles.CASE_HANDLER))
                .get("/api/v1/triage/feedback?source=ADT&since=2017-08-01T00:00:00Z")
                .then()
                .statusCode(403);
    }

    @Test
    void anUnknownReferralIs404ProblemAndABadIdIs400() {
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .get("/api/v1/triage/{id}", UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(404));
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .get("/api/v1/triage/not-a-uuid")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItems("referralId"));
    }

    @Test
    void badFeedbackParametersAreNamed() {
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .get("/api/v1/triage/feedback?source=NOPE&since=yesterday&size=0")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", containsInAnyOrder("source", "since", "size"));
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .get("/api/v1/triage/feedback")
                .then()
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("source"));
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .get("/api/v1/triage/feedback?source=ADT&after=-1&limit=0&page=2")
                .then()
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("after", "limit", "page"));
    }

    @Test
    void feedbackSinceIsReadWithAnOffsetOnlyAndSaysSo() {
        for (String since : List.of("2017-06-30T23:59:60Z", "2017-06-30T24:00:00Z", "yesterday")) {
            given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                    .queryParam("source", "ADT")
                    .queryParam("since", since)
                    .get("/api/v1/triage/feedback")
                    .then()
                    .statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("errors.field", contains("since"))
                    .body(
                            "errors.message",
                            contains("must be an ISO-8601 instant with offset, e.g. 2017-08-01T00:00:00Z"));
        }
    }

    @Test
    void malformedFeedbackParametersAreNamedToo() {
        for (String query : List.of(
                "after=abc",
                "limit=ten",
                "pending=maybe",
                "since=2017-02-30T00:00:00Z",
                "since=2017-08-01T00:00:00Z&page=x",
                "since=2017-08-01T00:00:00Z&size=1.5")) {
            String field = query.substring(query.lastIndexOf('&') + 1, query.lastIndexOf('='));
            given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                    .get("/api/v1/triage/feedback?source=ADT&" + query)
                    .then()
                    .statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("errors.field", hasItems(field));
        }
    }

    @Test
    void feedbackListsWhatThePoliceShouldCorrectAndWhatALaterVersionResolved() {
        Instant recorded = Instant.parse("2017-09-03T10:00:00Z");
        UUID noConsent = UUID.randomUUID();
        UUID noData = UUID.randomUUID();
        UUID corrected = UUID.randomUUID();
        UUID fine = UUID.randomUUID();
        String correctedRef = uniqueReference("PARTNER-FIX");
        try (TopicProbe triaged = TopicProbe.open(Topics.REFERRALS_TRIAGED)) {
            send(received(
                    noConsent,
                    referral(
                            Source.PARTNER,
                            uniqueReference("PARTNER-NC"),
                            1,
                            recorded,
                            CrimeCategory.ASSAULT,
                            victim("P-1", "07700900123"),
                            Consent.NOT_RECORDED),
                    recorded.plusSeconds(10)));
            send(received(
                    noData,
                    referral(
                            Source.PARTNER,
                            uniqueReference("PARTNER-ND"),
                            1,
                            recorded,
                            CrimeCategory.ASSAULT,
                            null,
                            Consent.EXPLICIT),
                    recorded.plusSeconds(20)));
            send(received(
                    corrected,
                    referral(
                            Source.PARTNER,
                            correctedRef,
                            1,
                            recorded,
                            CrimeCategory.THEFT,
                            victim(uniqueReference("P"), null),
                            Consent.EXPLICIT),
                    recorded.plusSeconds(30)));
            send(received(
                    fine,
                    referral(
                            Source.PARTNER,
                            uniqueReference("PARTNER-OK"),
                            1,
                            recorded,
                            CrimeCategory.THEFT,
                            victim(uniqueReference("P"), "07700900123"),
                            Consent.EXPLICIT),
                    recorded.plusSeconds(40)));
            // Decisions of different referrals come from different partitions in any order: collect them together.
            assertEquals(
                    Map.of(noConsent, 1, noData, 1, corrected, 1, fine, 1),
                    countDecisions(triaged, List.of(noConsent, noData, corrected, fine), WAIT));
            send(received(
                    corrected,
                    referral(
                            Source.PARTNER,
                            correctedRef,
                            2,
                            recorded,
                            CrimeCategory.THEFT,
                            victim(uniqueReference("P"), "07700900123"),
                            Consent.EXPLICIT),
                    recorded.plusSeconds(50)));
            assertEquals(1, awaitFor(triaged, corrected, 1, WAIT).size());
        }

        JsonPath all = given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .get("/api/v1/triage/feedback?source=PARTNER&since=2017-09-03T10:00:00Z")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> ids = all.getList("items.referralId");
        assertEquals(
                List.of(noConsent.toString(), noData.toString(), corrected.toString()),
                ids,
                "oldest first; the referral without a data issue is not listed");
        assertEquals(List.of("DECLINED_NO_CONSENT", "DATA_ISSUE", "CASE_OPENED"), all.getList("items.outcome"));
        assertEquals(List.of("NO_CONSENT", "NO_DATA", "INSUFFICIENT_DATA"), all.getList("items.dataIssue"));
        assertEquals(List.of("consent"), all.getList("items[0].missingFields"));
        assertEquals(List.of("victim"), all.getList("items[1].missingFields"));
        assertEquals(List.of(false, false, true), all.getList("items.resolved"));
        assertEquals(List.of(true, true, false), all.getList("items.stillToCorrect"));
        assertEquals(2, all.getInt("items[2].latestVersion"));
        assertEquals(3, all.getInt("total"));

        given().header("Authorization", TestTokens.bearer(Roles.ADMIN))
                .get("/api/v1/triage/feedback?source=PARTNER&since=2017-09-03T10:00:00Z&pending=true&size=1&page=1")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items.referralId", containsInAnyOrder(noData.toString()));
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .get("/api/v1/triage/feedback?source=PARTNER&since=2017-09-03T10:00:25Z")
                .then()
                .statusCode(200)
                .body("items.referralId", containsInAnyOrder(corrected.toString()));
    }

    /** Counts the decisions of these referrals that arrive before each has one or the timeout passes. */
    private static Map<UUID, Integer> countDecisions(TopicProbe probe, List<UUID> ids, Duration timeout) {
        Map<UUID, Integer> expected = new HashMap<>();
        ids.forEach(id -> expected.put(id, 1));
        Map<UUID, Integer> counts = new HashMap<>();
        awaitForAll(probe, expected, timeout).forEach((id, envelopes) -> {
            if (!envelopes.isEmpty()) {
                counts.put(id, envelopes.size());
            }
        });
        return counts;
    }
}

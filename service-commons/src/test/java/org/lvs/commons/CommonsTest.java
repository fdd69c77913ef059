package org.lvs.commons;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventIds;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;
import org.lvs.infra.test.TopicProbe;

/** The commons in a real Quarkus application on the real broker and database. */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class CommonsTest {

    @Test
    void outboxPublishesOnceAfterCommitAndANaturalKeyDropsRedelivery() {
        UUID id = UUID.randomUUID();
        try (TopicProbe probe = TopicProbe.open(Topics.CASES_EVENTS)) {
            given().header("Authorization", TestTokens.bearer(Roles.OPS))
                    .post("/probe/events/" + id)
                    .then()
                    .statusCode(200)
                    .body(equalTo("true"));
            given().header("Authorization", TestTokens.bearer(Roles.OPS))
                    .post("/probe/events/" + id)
                    .then()
                    .statusCode(200)
                    .body(equalTo("false"));
            List<EventEnvelope> events = probe.awaitEnvelopes(1, Duration.ofSeconds(20));
            assertEquals(1, events.size());
            assertEquals(EventIds.of(id, "probe"), events.get(0).eventId());
            assertEquals(0, probe.drain(Duration.ofSeconds(2)).size(), "a re-delivered event published again");
        }
    }

    @Test
    void batchCallsRecordEachEventOnceAndPublishIt() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        try (TopicProbe probe = TopicProbe.open(Topics.CASES_EVENTS)) {
            given().header("Authorization", TestTokens.bearer(Roles.OPS))
                    .contentType("application/json")
                    .body(List.of(a, b, a))
                    .post("/probe/batch")
                    .then()
                    .statusCode(200)
                    .body(equalTo("2"));
            given().header("Authorization", TestTokens.bearer(Roles.OPS))
                    .contentType("application/json")
                    .body(List.of(b, c))
                    .post("/probe/batch")
                    .then()
                    .statusCode(200)
                    .body(equalTo("1"));
            List<EventEnvelope> events = probe.awaitEnvelopes(3, Duration.ofSeconds(20));
            // different keys land on different partitions, so only the set (not the order) is comparable here
            assertEquals(
                    java.util.Set.of(
                            EventIds.of(a, "probe-batch"),
                            EventIds.of(b, "probe-batch"),
                            EventIds.of(c, "probe-batch")),
                    events.stream().map(EventEnvelope::eventId).collect(java.util.stream.Collectors.toSet()));
            assertEquals(3, events.size());
            assertEquals(0, probe.drain(Duration.ofSeconds(2)).size());
        }
    }

    @Test
    void rolledBackChangeLeavesNoEventAndNoMark() {
        UUID id = UUID.randomUUID();
        try (TopicProbe probe = TopicProbe.open(Topics.CASES_EVENTS)) {
            given().header("Authorization", TestTokens.bearer(Roles.OPS))
                    .post("/probe/rollback/" + id)
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json");
            assertEquals(0, probe.drain(Duration.ofSeconds(2)).size());
        }
        given().header("Authorization", TestTokens.bearer(Roles.OPS))
                .post("/probe/events/" + id)
                .then()
                .statusCode(200)
                .body(equalTo("true"));
    }

    @Test
    void beanValidationNamesEveryBadFieldOfQueryAndBodyInOneProblem() {
        given().header("Authorization", TestTokens.bearer(Roles.OPS))
                .contentType("application/json")
                .queryParam("size", 501)
                .body("{\"name\":\"far too long\",\"inner\":{\"score\":11},\"counts\":[1,0]}")
                .post("/probe/validated")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.contains("counts[1]", "inner.score", "name", "size"));
        given().header("Authorization", TestTokens.bearer(Roles.OPS))
                .contentType("application/json")
                .queryParam("size", 3)
                .body("{\"name\":\"ok\",\"inner\":{\"score\":2}}")
                .post("/probe/validated")
                .then()
                .statusCode(200)
                .body(equalTo("3"));
    }

    @Test
    void uuidParametersAreTypedAndAMalformedOneIsNamedIn400() {
        UUID id = UUID.randomUUID();
        given().header("Authorization", TestTokens.bearer(Roles.OPS))
                .get("/probe/ids/" + id)
                .then()
                .statusCode(200)
                .body(equalTo(id + " null null null"));
        given().header("Authorization", TestTokens.bearer(Roles.OPS))
                .queryParam("since", "2017-07-01T00:00:00Z")
                .queryParam("from", "2017-07-01")
                .get("/probe/ids/" + id)
                .then()
                .statusCode(200)
                .body(equalTo(id + " null 2017-07-01T00:00:00Z 2017-07-01"));
        given().header("Authorization", TestTokens.bearer(Roles.OPS))
                .queryParam("since", "yesterday")
                .queryParam("from", "2017-02-30")
                .get("/probe/ids/" + id)
                .then()
                .statusCode(400)
                .body("errors.field", hasSize(1)); // conversion stops at the first malformed one
        given().header("Authorization", TestTokens.bearer(Roles.OPS))
                .queryParam("after", "1-1-1-1-1")
                .get("/probe/ids/not-a-uuid")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.contains("referralId"))
                .body("errors[0].message", equalTo("must be a UUID"));
        given().header("Authorization", TestTokens.bearer(Roles.OPS))
                .queryParam("after", "1-1-1-1-1")
                .get("/probe/ids/" + id)
                .then()
                .statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.contains("after"));
    }

    @Test
    void aBlankQueryParameterIsAbsentWhateverItsTypeAndABlankPathIdIsMalformed() {
        UUID id = UUID.randomUUID();
        given().header("Authorization", TestTokens.bearer(Roles.OPS))
                .queryParam("after", " ")
                .queryParam("since", "")
                .queryParam("from", " ")
                .get("/probe/ids/" + id)
                .then()
                .statusCode(200)
                .body(equalTo(id + " null null null"));
        given().header("Authorization", TestTokens.bearer(Roles.OPS))
                .get("/probe/ids/{referralId}", " ")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.contains("referralId"))
                .body("errors[0].message", equalTo("must be a UUID"));
    }

    @Test
    void problemsNameEveryBadField() {
        given().header("Authorization", TestTokens.bearer(Roles.ADMIN))
                .post("/probe/invalid")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors", hasSize(2))
                .body("errors[1].field", equalTo("b.c"));
    }

    @Test
    void noTokenIs401WrongRoleIs403UnknownPathIs404AllAsProblems() {
        given().post("/probe/invalid").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer not.a.token")
                .post("/probe/invalid")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .post("/probe/invalid")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer(Roles.OPS))
                .get("/nothing-here")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }
}

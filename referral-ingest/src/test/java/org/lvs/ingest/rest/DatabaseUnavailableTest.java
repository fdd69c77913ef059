package org.lvs.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;
import org.lvs.infra.test.TopicProbe;

/**
 * The database does not answer: the test holds an exclusive lock on one of ingest's tables (without stopping the
 * shared database other tests use), the service's lock timeout passes, and it must answer 503 with Retry-After,
 * half-doing nothing, so that the same request succeeds once the table is free again.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class DatabaseUnavailableTest {

    static Response post(ObjectNode referral) {
        return given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .contentType(ContentType.JSON)
                .body(referral.toString())
                .post("/api/v1/referrals");
    }

    @Test
    void databaseDownBeforeDecidingIs503AndNothingIsPublished() throws Exception {
        ObjectNode referral = Referrals.valid("ADT", Referrals.newReference());
        try (TopicProbe received = TopicProbe.open(Topics.REFERRALS_RECEIVED)) {
            try (Connection c = Referrals.db();
                    Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("LOCK TABLE ingest.referral IN ACCESS EXCLUSIVE MODE");
                post(referral)
                        .then()
                        .statusCode(503)
                        .contentType("application/problem+json")
                        .header("Retry-After", notNullValue());
                c.rollback();
            }
            assertEquals(0, received.drain(Duration.ofSeconds(2)).size());
            post(referral).then().statusCode(202).body("status", equalTo("ACCEPTED"));
            assertEquals(1, received.awaitRecords(1, Duration.ofSeconds(15)).size());
        }
    }

    @Test
    void databaseDownAfterPublishingIs503AndTheRetryPublishesAgainWithTheSameId() throws Exception {
        ObjectNode referral = Referrals.valid("ADT", Referrals.newReference());
        referral.put("feedSequence", 777_000_000L + (System.nanoTime() % 1000)); // confirmation writes feed_sequence
        try (TopicProbe received = TopicProbe.open(Topics.REFERRALS_RECEIVED)) {
            List<EventEnvelope> first;
            try (Connection c = Referrals.db();
                    Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("LOCK TABLE ingest.feed_sequence IN ACCESS EXCLUSIVE MODE");
                post(referral).then().statusCode(503).header("Retry-After", notNullValue());
                first = received.awaitEnvelopes(1, Duration.ofSeconds(15));
                c.rollback();
            }
            // The broker has the version but its publication was never confirmed: the retry must not say DUPLICATE.
            String id = post(referral)
                    .then()
                    .statusCode(202)
                    .body("status", equalTo("ACCEPTED"))
                    .extract()
                    .path("referralId");
            List<EventEnvelope> again = received.awaitEnvelopes(1, Duration.ofSeconds(15));
            UUID expected = ReferralReceived.eventId(UUID.fromString(id), 1);
            assertEquals(expected, first.get(0).eventId());
            assertEquals(expected, again.get(0).eventId());
            post(referral)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("DUPLICATE"))
                    .body("referralId", equalTo(id));
        }
    }
}

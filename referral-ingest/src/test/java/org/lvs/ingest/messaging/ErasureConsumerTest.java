package org.lvs.ingest.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.lvs.commons.messaging.DeadLetters;
import org.lvs.contract.Roles;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.PersonalDataErased;
import org.lvs.contract.referral.Source;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;
import org.lvs.infra.test.TopicProbe;

/**
 * Issue 11, item 5: cases.erasures removes ingest's re-identifying traces of a referral (content hashes, the
 * Idempotency-Key of a self-referral) and keeps its identity, so a later amendment lands on the same referralId.
 * Idempotent. Poison (unparseable, unknown type, NUL string) goes alone to cases.erasures.dlq; the rest is applied.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class ErasureConsumerTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    static String referral(String reference, int version, String firstName) {
        return """
                {"source":"ADT","sourceReference":"%s","version":%d,"recordedAt":"%s","area":"CENTRAL",
                 "crime":{"category":"ASSAULT"},"victim":{"firstName":"%s","phone":"07700 900123"},
                 "consent":"EXPLICIT"}""".formatted(
                reference, version, Instant.now().minus(1, ChronoUnit.HOURS).toString(), firstName);
    }

    static String post(String body, int status) {
        return given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/referrals")
                .then()
                .statusCode(status)
                .extract()
                .path("referralId");
    }

    static void erase(UUID referralId) {
        PersonalDataErased erased =
                new PersonalDataErased(referralId, Source.ADT, PersonalDataErased.CONSENT_WITHDRAWN, Instant.now());
        TopicProbe.send(Topics.CASES_ERASURES, referralId.toString(), erased.toEnvelope());
    }

    @Test
    void anErasureRemovesTheContentHashesAndKeepsTheIdentity() {
        String ref = "ERASE-" + UUID.randomUUID();
        UUID id = UUID.fromString(post(referral(ref, 1, "Amina"), 202));
        post(referral(ref, 2, "Amina"), 202);
        assertNotNull(hash(id, 1));

        erase(id);
        await().atMost(WAIT).until(() -> hash(id, 1) == null && hash(id, 2) == null);
        erase(id); // again: nothing changes, nothing fails

        // The identity stays: the same version again is answered as received, a higher one amends the same referral.
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .contentType(ContentType.JSON)
                .body(referral(ref, 2, "Amina"))
                .post("/api/v1/referrals")
                .then()
                .statusCode(200)
                .body("status", equalTo("DUPLICATE"))
                .body("referralId", equalTo(id.toString()));
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .contentType(ContentType.JSON)
                .body(referral(ref, 3, "Amina"))
                .post("/api/v1/referrals")
                .then()
                .statusCode(202)
                .body("status", equalTo("AMENDED"))
                .body("referralId", equalTo(id.toString()));
        given().header("Authorization", TestTokens.bearer(Roles.CASE_HANDLER))
                .get("/api/v1/referrals/" + id)
                .then()
                .statusCode(200)
                .body("versions.size()", equalTo(3));
    }

    @Test
    void anErasureForgetsTheIdempotencyKeyOfASelfReferral() {
        String key = UUID.randomUUID().toString();
        String id = given().header("Idempotency-Key", key)
                .header("X-Forwarded-For", "192.0.2.77")
                .contentType(ContentType.JSON)
                .body("{\"firstName\":\"Zoë\",\"area\":\"EAST\"}")
                .post("/api/v1/self-referrals")
                .then()
                .statusCode(202)
                .extract()
                .path("referralId");
        assertEquals(1L, count("SELECT count(*) FROM self_referral_idempotency WHERE idempotency_key = ?", key));
        erase(UUID.fromString(id));
        await().atMost(WAIT)
                .until(() -> count("SELECT count(*) FROM self_referral_idempotency WHERE " + "idempotency_key = ?", key)
                        == 0L);
        assertNull(hash(UUID.fromString(id), 1));
    }

    @Test
    void poisonGoesAloneToTheDeadLetterTopicAndTheRestIsApplied() {
        String ref = "ERASE-" + UUID.randomUUID();
        UUID id = UUID.fromString(post(referral(ref, 1, "Amina"), 202));
        String key = id.toString();
        String unknownType = EventJson.write(new EventEnvelope(
                UUID.randomUUID(),
                "CaseReopened",
                Instant.now(),
                1,
                EventJson.mapper().createObjectNode().put("referralId", key)));
        String nul = new PersonalDataErased(id, Source.ADT, "ADMIN\u0000REQUEST", Instant.now())
                .toEnvelope()
                .toJson();
        try (TopicProbe dlq = TopicProbe.open(Topics.dlq(Topics.CASES_ERASURES))) {
            // One key, so one partition: the poison and the erasure arrive in this order, most likely in one poll.
            TopicProbe.send(Topics.CASES_ERASURES, key, "{not json");
            TopicProbe.send(Topics.CASES_ERASURES, key, unknownType);
            TopicProbe.send(Topics.CASES_ERASURES, key, nul);
            erase(id);

            List<ConsumerRecord<String, String>> letters = dlq.awaitRecords(3, WAIT);
            assertEquals(3, letters.size());
            assertEquals(
                    List.of("{not json", unknownType, nul),
                    letters.stream().map(ConsumerRecord::value).toList());
            for (ConsumerRecord<String, String> letter : letters) {
                Map<String, String> headers = headers(letter);
                assertEquals("referral-ingest", headers.get(DeadLetters.GROUP));
                assertEquals("decode", headers.get(DeadLetters.STAGE));
                assertEquals(Topics.CASES_ERASURES, headers.get(DeadLetters.TOPIC));
                assertNotNull(headers.get(DeadLetters.REASON));
            }
            await().atMost(WAIT).until(() -> hash(id, 1) == null);
            assertEquals(0, dlq.drain(Duration.ofSeconds(2)).size(), "nothing else dead-lettered");
        }
        given().get("/q/health/live").then().statusCode(200);
    }

    static Map<String, String> headers(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    static String hash(UUID referralId, int version) {
        try (Connection c = db();
                PreparedStatement s = c.prepareStatement(
                        "SELECT content_hash FROM ingest.referral_version WHERE referral_id = ? AND version = ?")) {
            s.setObject(1, referralId);
            s.setInt(2, version);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : "(no such version)";
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(String sql, String param) {
        try (Connection c = db();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Connection db() throws SQLException {
        Connection c = LvsTestResources.connection();
        c.createStatement().execute("SET search_path TO ingest");
        return c;
    }
}

package org.lvs.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TopicProbe;

/**
 * Issue 10, item 8: an Idempotency-Key header, or the form's hidden field (fresh per render), makes a re-sent
 * self-referral answer with the first one's referralId and status instead of making a second referral. The key is
 * stored with the referral; the same key with another body is a 409; an expired key is forgotten.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class SelfReferralRetryTest {

    static final String PATH = "/api/v1/self-referrals";
    static final Duration WAIT = Duration.ofSeconds(20);
    static final Duration QUIET = Duration.ofSeconds(2);
    static final String BODY = "{\"firstName\":\"Zoë\",\"phone\":\"07700 900555\",\"area\":\"EAST\","
            + "\"crimeCategory\":\"STALKING_HARASSMENT\"}";

    @BeforeEach
    void freshLimits() {
        Referrals.clearSelfReferralLimits();
    }

    static String postJson(String key, String body, int status) {
        return given().header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post(PATH)
                .then()
                .statusCode(status)
                .extract()
                .asString();
    }

    @Test
    void aRetriedJsonSelfReferralAnswersWithTheFirstReferralAndPublishesNothingNew() {
        String key = UUID.randomUUID().toString();
        String first;
        try (TopicProbe received = TopicProbe.open(Topics.REFERRALS_RECEIVED)) {
            first = given().header("Idempotency-Key", key)
                    .contentType(ContentType.JSON)
                    .body(BODY)
                    .post(PATH)
                    .then()
                    .statusCode(202)
                    .body("status", equalTo("ACCEPTED"))
                    .extract()
                    .path("referralId");
            assertEquals(1, received.awaitRecords(1, WAIT).size());
            for (int i = 0; i < 2; i++) {
                given().header("Idempotency-Key", key)
                        .contentType(ContentType.JSON)
                        .body(BODY)
                        .post(PATH)
                        .then()
                        .statusCode(202)
                        .body("referralId", equalTo(first))
                        .body("status", equalTo("ACCEPTED"));
            }
            assertEquals(0, received.drain(QUIET).size(), "no second referral");
            // Without the key, or with another one, the same body is a new referral (nobody learns who is known).
            String other = given().header("Idempotency-Key", UUID.randomUUID().toString())
                    .contentType(ContentType.JSON)
                    .body(BODY)
                    .post(PATH)
                    .then()
                    .statusCode(202)
                    .extract()
                    .path("referralId");
            assertNotEquals(first, other);
        }
        assertEquals(
                1,
                Referrals.count(
                        "SELECT count(*) FROM self_referral_idempotency WHERE idempotency_key = ? "
                                + "AND referral_id::text = ?",
                        key,
                        first));
    }

    @Test
    void theSameKeyWithAnotherBodyIs409AndABadKeyIs400() {
        String key = "retry:" + UUID.randomUUID();
        postJson(key, BODY, 202);
        try (TopicProbe received = TopicProbe.open(Topics.REFERRALS_RECEIVED)) {
            given().header("Idempotency-Key", key)
                    .contentType(ContentType.JSON)
                    .body(BODY.replace("Zoë", "Zoe"))
                    .post(PATH)
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("detail", containsString("Idempotency-Key"));
            assertEquals(0, received.drain(QUIET).size());
        }
        given().header("Idempotency-Key", "has spaces and ünïcode")
                .contentType(ContentType.JSON)
                .body(BODY)
                .post(PATH)
                .then()
                .statusCode(400)
                .body("errors.field", contains("Idempotency-Key"));
    }

    @Test
    void aFirstAnswerWhosePublicationWasNeverConfirmedIsPublishedByTheRetry() {
        String key = UUID.randomUUID().toString();
        String first = postJson(key, BODY, 202);
        String id = JsonPath.from(first).getString("referralId");
        // As if the broker had not acknowledged the first time (503): the retry must publish it, under the same id.
        Referrals.update("UPDATE ingest.referral_version SET published = false WHERE referral_id::text = ?", id);
        try (TopicProbe received = TopicProbe.open(Topics.REFERRALS_RECEIVED)) {
            given().header("Idempotency-Key", key)
                    .contentType(ContentType.JSON)
                    .body(BODY)
                    .post(PATH)
                    .then()
                    .statusCode(202)
                    .body("referralId", equalTo(id))
                    .body("status", equalTo("ACCEPTED"));
            List<EventEnvelope> again = received.awaitEnvelopes(1, WAIT);
            assertEquals(1, again.size());
            assertEquals(
                    ReferralReceived.eventId(UUID.fromString(id), 1),
                    again.get(0).eventId());
        }
    }

    @Test
    void concurrentRetriesWithOneKeyMakeOneReferral() throws Exception {
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<String>> posts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                posts.add(() -> given().header("Idempotency-Key", key)
                        .contentType(ContentType.JSON)
                        .body(BODY)
                        .post(PATH)
                        .then()
                        .statusCode(202)
                        .extract()
                        .path("referralId"));
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> f : pool.invokeAll(posts)) {
                ids.add(f.get());
            }
            assertEquals(1, ids.size(), "one referral for one key");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(
                1, Referrals.count("SELECT count(*) FROM self_referral_idempotency WHERE idempotency_key = ?", key));
    }

    @Test
    void anExpiredKeyIsForgotten() {
        String key = UUID.randomUUID().toString();
        String first = JsonPath.from(postJson(key, BODY, 202)).getString("referralId");
        Referrals.update(
                "UPDATE ingest.self_referral_idempotency SET created_at = ? WHERE idempotency_key = ?",
                Timestamp.from(Instant.now().minus(25, ChronoUnit.HOURS)),
                key);
        String second = JsonPath.from(postJson(key, BODY, 202)).getString("referralId");
        assertNotEquals(first, second);
    }

    @Test
    void theFormCarriesAFreshKeyPerRenderAndAResentFormMakesOneReferral() {
        String page =
                given().get("/self-referral").then().statusCode(200).extract().asString();
        String key = hiddenKey(page);
        assertNotEquals(
                key, hiddenKey(given().get("/self-referral").then().extract().asString()), "per render");
        try (TopicProbe received = TopicProbe.open(Topics.REFERRALS_RECEIVED)) {
            String firstReference = reference(sendForm(key, "Zoë"));
            assertEquals(1, received.awaitRecords(1, WAIT).size());
            assertEquals(firstReference, reference(sendForm(key, "Zoë")));
            assertEquals(0, received.drain(QUIET).size());
            given().contentType(ContentType.URLENC)
                    .formParam("idempotencyKey", key)
                    .formParam("firstName", "Someone")
                    .formParam("area", "EAST")
                    .formParam("crimeCategory", "ASSAULT")
                    .post(PATH)
                    .then()
                    .statusCode(409)
                    .contentType(containsString("text/html"))
                    .body(containsString("This form was already sent"));
        }
        // The header counts at the form door too.
        String headerKey = UUID.randomUUID().toString();
        String a = reference(given().header("Idempotency-Key", headerKey)
                .contentType(ContentType.URLENC)
                .formParam("firstName", "Zoë")
                .formParam("area", "EAST")
                .formParam("crimeCategory", "ASSAULT")
                .post(PATH)
                .then()
                .statusCode(202)
                .extract()
                .asString());
        String b = reference(given().header("Idempotency-Key", headerKey)
                .contentType(ContentType.URLENC)
                .formParam("firstName", "Zoë")
                .formParam("area", "EAST")
                .formParam("crimeCategory", "ASSAULT")
                .post(PATH)
                .then()
                .statusCode(202)
                .extract()
                .asString());
        assertEquals(a, b);
    }

    static String sendForm(String key, String firstName) {
        return given().contentType(ContentType.URLENC)
                .formParam("idempotencyKey", key)
                .formParam("firstName", firstName)
                .formParam("phone", "07700 900555")
                .formParam("area", "EAST")
                .formParam("crimeCategory", "ASSAULT")
                .formParam("website", "")
                .post(PATH)
                .then()
                .statusCode(202)
                .extract()
                .asString();
    }

    static String hiddenKey(String page) {
        Matcher m = Pattern.compile("<input type=\"hidden\" name=\"idempotencyKey\" value=\"([^\"]+)\">")
                .matcher(page);
        assertTrue(m.find(), page);
        return m.group(1);
    }

    static String reference(String page) {
        return SelfReferralEdgeTest.reference(page);
    }
}

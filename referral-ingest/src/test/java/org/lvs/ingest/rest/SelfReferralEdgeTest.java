package org.lvs.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Topics;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TopicProbe;
import org.lvs.ingest.service.SelfReferralRateLimiter;

/**
 * Issue 11, item 3: the self-referral edge. Professional fields are a 400 naming each (JSON and form); the client
 * address comes from forwarding headers only through a trusted proxy (tests: 127.0.0.1), right-most first, IPv6 per
 * /64; the limit is counted in PostgreSQL before the body is read; a filled honeypot looks accepted but leaves no
 * trace. The limit is 10 a minute (application defaults).
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class SelfReferralEdgeTest {

    static final String PATH = "/api/v1/self-referrals";
    static final String PLAIN = "{\"firstName\":\"Zoë\",\"area\":\"EAST\",\"crimeCategory\":\"ASSAULT\"}";
    static final Duration QUIET = Duration.ofSeconds(2);

    @BeforeEach
    void freshLimits() {
        Referrals.clearSelfReferralLimits();
    }

    static RequestSpecification from(String forwardedFor) {
        return given().header("X-Forwarded-For", forwardedFor);
    }

    @Test
    void professionalFieldsAreA400NamingEachAndNothingIsAccepted() {
        String flat = """
                {"firstName":"Zoë","area":"EAST","riskLevel":"HIGH","safeguarding":{"unsafeToContact":true},
                 "vulnerabilities":["ELDERLY"],"personRef":"P-1","recordedAt":"2017-01-01T00:00:00Z",
                 "receivedAt":"2017-01-01T00:00:00Z","feedSequence":7,"source":"ADT","sourceReference":"X-1",
                 "version":2}""";
        String nested = """
                {"victim":{"firstName":"Zoë","personRef":"P-2","vulnerabilities":["ELDERLY"]},
                 "crime":{"category":"ASSAULT"},"riskLevel":"MEDIUM"}""";
        try (TopicProbe received = TopicProbe.open(Topics.REFERRALS_RECEIVED);
                TopicProbe intake = TopicProbe.open(Topics.REFERRALS_INTAKE)) {
            given().contentType(ContentType.JSON)
                    .body(flat)
                    .post(PATH)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body(
                            "errors.field",
                            containsInAnyOrder(
                                    "riskLevel",
                                    "safeguarding",
                                    "vulnerabilities",
                                    "personRef",
                                    "recordedAt",
                                    "receivedAt",
                                    "feedSequence",
                                    "source",
                                    "sourceReference",
                                    "version"));
            given().contentType(ContentType.JSON)
                    .body(nested)
                    .post(PATH)
                    .then()
                    .statusCode(400)
                    .body(
                            "errors.field",
                            containsInAnyOrder("riskLevel", "victim.personRef", "victim.vulnerabilities"));
            given().contentType(ContentType.URLENC)
                    .formParam("firstName", "Zoë")
                    .formParam("area", "EAST")
                    .formParam("riskLevel", "HIGH")
                    .formParam("safeguarding.unsafeToContact", "true")
                    .formParam("sourceReference", "X-2")
                    .post(PATH)
                    .then()
                    .statusCode(400)
                    .contentType(containsString("text/html"))
                    .body(containsString("riskLevel"))
                    .body(containsString("safeguarding.unsafeToContact"))
                    .body(containsString("sourceReference"));
            assertEquals(0, received.drain(QUIET).size());
            assertEquals(0, intake.drain(QUIET).size());
        }
        // Nulls set nothing; a plain body is accepted.
        given().contentType(ContentType.JSON)
                .body("{\"firstName\":\"Zoë\",\"area\":\"EAST\",\"riskLevel\":null}")
                .post(PATH)
                .then()
                .statusCode(202);
    }

    @Test
    void behindTheTrustedProxyEachForwardedClientHasItsOwnBucket() {
        for (int i = 0; i < 10; i++) {
            from("198.51.100.1, 203.0.113.7")
                    .contentType(ContentType.JSON)
                    .body(PLAIN)
                    .post(PATH)
                    .then()
                    .statusCode(202);
        }
        // The right-most address that is no proxy counts: what the client wrote to its left does not.
        from("198.51.100.99, 203.0.113.7")
                .contentType(ContentType.JSON)
                .body(PLAIN)
                .post(PATH)
                .then()
                .statusCode(429);
        from("203.0.113.8")
                .contentType(ContentType.JSON)
                .body(PLAIN)
                .post(PATH)
                .then()
                .statusCode(202);
        given().header("Forwarded", "for=\"203.0.113.7:4711\"")
                .contentType(ContentType.JSON)
                .body(PLAIN)
                .post(PATH)
                .then()
                .statusCode(429);
    }

    @Test
    void ipv6ClientsShareTheirSlash64() {
        for (int i = 0; i < 10; i++) {
            from("2001:db8:5:6::" + Integer.toHexString(i + 1))
                    .contentType(ContentType.JSON)
                    .body(PLAIN)
                    .post(PATH)
                    .then()
                    .statusCode(202);
        }
        from("2001:db8:5:6:ffff::1")
                .contentType(ContentType.JSON)
                .body(PLAIN)
                .post(PATH)
                .then()
                .statusCode(429);
        from("2001:db8:5:7::1")
                .contentType(ContentType.JSON)
                .body(PLAIN)
                .post(PATH)
                .then()
                .statusCode(202);
    }

    @Test
    void aPeerThatIsNoTrustedProxyCannotChooseItsBucket() throws Exception {
        // 127.0.0.2 is not a trusted proxy: its X-Forwarded-For is ignored, so new addresses do not help it.
        for (int i = 0; i < 10; i++) {
            assertEquals(202, rawPost("127.0.0.2", "192.0.2." + i));
        }
        assertEquals(429, rawPost("127.0.0.2", "192.0.2.200"));
    }

    @Test
    void theLimitIsAppliedBeforeTheBodyIsRead() {
        for (int i = 0; i < 10; i++) {
            from("203.0.113.50")
                    .contentType(ContentType.JSON)
                    .body(PLAIN)
                    .post(PATH)
                    .then()
                    .statusCode(202);
        }
        // Unreadable bodies, of every kind: still 429, so the body was never parsed.
        from("203.0.113.50")
                .contentType(ContentType.JSON)
                .body("{\"firstName\":")
                .post(PATH)
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue());
        from("203.0.113.50")
                .contentType(ContentType.JSON)
                .body(new byte[] {(byte) 0xff, (byte) 0xfe})
                .post(PATH)
                .then()
                .statusCode(429);
        from("203.0.113.50")
                .contentType(ContentType.URLENC)
                .body("firstName=%zz&&=")
                .post(PATH)
                .then()
                .statusCode(429);
        from("203.0.113.50")
                .contentType("application/xml")
                .body("<not-even-supported/>")
                .post(PATH)
                .then()
                .statusCode(429);
    }

    @Test
    void theLimitIsSharedThroughTheDatabase() {
        // Another instance counted ten requests of this client in the current window: this one refuses the next.
        Referrals.update(
                "INSERT INTO ingest.self_referral_bucket (client_key, window_start, hits) VALUES (?, ?, 10)",
                SelfReferralRateLimiter.bucketKey("203.0.113.60"),
                Timestamp.from(Instant.now()));
        from("203.0.113.60")
                .contentType(ContentType.JSON)
                .body(PLAIN)
                .post(PATH)
                .then()
                .statusCode(429);
        // And what this instance counts is there for the others.
        from("203.0.113.61")
                .contentType(ContentType.JSON)
                .body(PLAIN)
                .post(PATH)
                .then()
                .statusCode(202);
        assertEquals(
                1,
                Referrals.count(
                        "SELECT hits FROM ingest.self_referral_bucket WHERE client_key = ?",
                        SelfReferralRateLimiter.bucketKey("203.0.113.61")));
        // An ended window starts afresh.
        Referrals.update(
                "UPDATE ingest.self_referral_bucket SET window_start = window_start - interval '2 minutes' "
                        + "WHERE client_key = ?",
                SelfReferralRateLimiter.bucketKey("203.0.113.60"));
        from("203.0.113.60")
                .contentType(ContentType.JSON)
                .body(PLAIN)
                .post(PATH)
                .then()
                .statusCode(202);
    }

    @Test
    void theFormHasAHoneypotAndAFilledOneLooksAcceptedButLeavesNoTrace() {
        String html =
                given().get("/self-referral").then().statusCode(200).extract().asString();
        assertTrue(html.contains("<label for=\"website\">Leave this field empty</label>"), html);
        assertTrue(html.contains("tabindex=\"-1\""));
        assertTrue(!html.contains("<script"), "works without JavaScript");
        String honest = given().contentType(ContentType.URLENC)
                .formParam("firstName", "Zoë")
                .formParam("area", "EAST")
                .formParam("crimeCategory", "ASSAULT")
                .formParam("website", "")
                .post(PATH)
                .then()
                .statusCode(202)
                .extract()
                .asString();
        try (TopicProbe received = TopicProbe.open(Topics.REFERRALS_RECEIVED);
                TopicProbe intake = TopicProbe.open(Topics.REFERRALS_INTAKE)) {
            Response bot = given().contentType(ContentType.URLENC)
                    .formParam("firstName", "Zoë")
                    .formParam("area", "EAST")
                    .formParam("crimeCategory", "ASSAULT")
                    .formParam("website", "http://spam.example")
                    .post(PATH);
            bot.then().statusCode(202).contentType(containsString("text/html"));
            assertEquals(withoutReference(honest), withoutReference(bot.asString()), "the same-looking answer");
            given().contentType(ContentType.JSON)
                    .body("{\"firstName\":\"Zoë\",\"area\":\"EAST\",\"website\":\"http://spam.example\"}")
                    .post(PATH)
                    .then()
                    .statusCode(202)
                    .body("status", equalTo("ACCEPTED"));
            assertEquals(0, received.drain(QUIET).size());
            assertEquals(0, intake.drain(QUIET).size());
            String reference = reference(bot.asString());
            assertEquals(
                    0, Referrals.count("SELECT count(*) FROM ingest.referral WHERE referral_id::text = ?", reference));
        }
    }

    @Test
    void aPlainSelfReferralWithoutProfessionalFieldsIsAccepted() {
        given().contentType(ContentType.JSON)
                .body(PLAIN)
                .post(PATH)
                .then()
                .statusCode(202)
                .body("status", equalTo("ACCEPTED"))
                .body("referralId", not(equalTo(null)));
    }

    static String reference(String page) {
        Matcher m =
                Pattern.compile("Your reference is <strong>([^<]+)</strong>").matcher(page);
        assertTrue(m.find(), page);
        return m.group(1);
    }

    static String withoutReference(String page) {
        return page.replace(reference(page), "REF");
    }

    /** A self-referral sent from {@code localAddress} (a raw socket, so the peer address is chosen). */
    int rawPost(String localAddress, String forwardedFor) throws Exception {
        byte[] body = PLAIN.getBytes(StandardCharsets.UTF_8);
        int port = RestAssured.port;
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nX-Forwarded-For: " + forwardedFor
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                head.write(c);
            }
            String status = head.toString(StandardCharsets.US_ASCII); // HTTP/1.1 202 Accepted
            return Integer.parseInt(status.split(" ")[1]);
        }
    }
}

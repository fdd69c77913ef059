package org.lvs.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Topics;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.Source;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TopicProbe;

/** The public form and endpoint: no token, consent by submitting, rate-limited per address. */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class SelfReferralTest {

    @BeforeEach
    void freshLimits() {
        Referrals.clearSelfReferralLimits();
    }

    @Test
    void theFormIsPlainAccessibleHtmlWithALabelForEveryField() {
        String html = given().get("/self-referral")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<form method=\"post\" action=\"/api/v1/self-referrals\""))
                .body(not(containsString("<script")))
                .extract()
                .asString();
        Matcher fields = Pattern.compile("<(input|select|textarea) id=\"([^\"]+)\" name=\"\\2\"")
                .matcher(html);
        int count = 0;
        while (fields.find()) {
            count++;
            assertTrue(html.contains("<label for=\"" + fields.group(2) + "\">"), "label for " + fields.group(2));
        }
        assertEquals(18, count); // the 17 fields a person fills in, and the honeypot (labelled "leave empty")
        assertTrue(html.contains("<html lang=\"en-GB\">"));
    }

    @Test
    void aFormPostIsAcceptedWithSourceSelfAndExplicitConsent() {
        try (TopicProbe received = TopicProbe.open(Topics.REFERRALS_RECEIVED)) {
            given().contentType(ContentType.URLENC)
                    .formParam("firstName", "Zoë")
                    .formParam("lastName", "Example")
                    .formParam("phone", "07700 900555")
                    .formParam("preferredContact", "PHONE")
                    .formParam("age", "34")
                    .formParam("area", "EAST")
                    .formParam("crimeCategory", "STALKING_HARASSMENT")
                    .formParam("howHeard", "WEBSITE")
                    .post("/api/v1/self-referrals")
                    .then()
                    .statusCode(202)
                    .contentType(containsString("text/html"))
                    .body(containsString("Thank you"));
            ReferralReceived r =
                    received.awaitEnvelopes(1, Duration.ofSeconds(15)).get(0).payloadAs(ReferralReceived.class);
            assertEquals(Source.SELF, r.referral().source());
            assertEquals(Consent.EXPLICIT, r.referral().consent());
            assertEquals("Zoë", r.referral().victim().firstName());
            assertEquals("25-34", r.referral().victim().ageBand().label());
            assertTrue(r.referral().sourceReference().startsWith("SELF-"));
        }
    }

    @Test
    void aFormWithErrorsComesBackWithEveryProblemListed() {
        given().contentType(ContentType.URLENC)
                .formParam("firstName", "Zoë")
                .formParam("age", "200")
                .formParam("area", "MARS")
                .formParam("crimeCategory", "ASSAULT")
                .post("/api/v1/self-referrals")
                .then()
                .statusCode(400)
                .contentType(containsString("text/html"))
                .body(containsString("There is a problem"))
                .body(containsString("Age"))
                .body(containsString("value=\"Zoë\""));
    }

    @Test
    void jsonSelfReferralsNeverRevealWhetherThePersonIsKnown() {
        String body =
                "{\"firstName\":\"Siobhán\",\"email\":\"s@example.org\",\"area\":\"NORTH\",\"crimeCategory\":\"ASSAULT\"}";
        String first = given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/self-referrals")
                .then()
                .statusCode(202)
                .body("status", equalTo("ACCEPTED"))
                .body("referralId", notNullValue())
                .extract()
                .path("referralId");
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/self-referrals")
                .then()
                .statusCode(202)
                .body("status", equalTo("ACCEPTED"))
                .body("referralId", not(equalTo(first)));
        given().contentType(ContentType.JSON)
                .body("{\"crimeCategory\":\"NOPE\"}")
                .post("/api/v1/self-referrals")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("crime.category"));
    }

    @Test
    void pastTheLimitPerAddressIs429WithRetryAfter() {
        for (int i = 0; i < 10; i++) {
            given().contentType(ContentType.JSON)
                    .body("{\"firstName\":\"Zoë\",\"area\":\"EAST\"}")
                    .post("/api/v1/self-referrals")
                    .then()
                    .statusCode(202);
        }
        given().contentType(ContentType.JSON)
                .body("{\"firstName\":\"Zoë\",\"area\":\"EAST\"}")
                .post("/api/v1/self-referrals")
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue());
        given().contentType(ContentType.URLENC)
                .formParam("firstName", "Zoë")
                .post("/api/v1/self-referrals")
                .then()
                .statusCode(429);
    }
}

package org.lvs.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lvs.contract.Roles;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.contract.referral.Referral;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;
import org.lvs.infra.test.TopicProbe;

/**
 * Without consent, the victim's personal data goes no further than the request: the real records on
 * referrals.received and referrals.intake, every table of schema ingest and the test log are read and searched.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class ConsentAtTheEdgeTest {

    static final List<String> PERSONAL = List.of(
            "Siobhán",
            "Ní Bhriain",
            "1984-02-29",
            "07700 900987",
            "siobhan@example.org",
            "12 Quay Street",
            "PR2 9ZZ",
            "P-NOCONSENT-1",
            "Broken window at the back",
            "a friend of the suspect",
            "heard from a cousin");

    @ParameterizedTest
    @ValueSource(strings = {"REFUSED", "NOT_RECORDED"})
    void noPersonalDataTravelsWithoutConsent(String consent) throws Exception {
        String ref = Referrals.newReference();
        ObjectNode referral = Referrals.valid("PARTNER", ref);
        referral.put("consent", consent);
        referral.put("riskLevel", "HIGH");
        referral.put("howHeard", "OTHER");
        referral.put("howHeardDetail", "heard from a cousin");
        ((ObjectNode) referral.get("crime")).put("description", "Broken window at the back");
        ((ObjectNode) referral.get("safeguarding")).put("reason", "a friend of the suspect");
        ObjectNode victim = (ObjectNode) referral.get("victim");
        victim.put("personRef", "P-NOCONSENT-1");
        victim.put("firstName", "Siobhán");
        victim.put("lastName", "Ní Bhriain");
        victim.put("dateOfBirth", "1984-02-29");
        victim.put("phone", "07700 900987");
        victim.put("email", "siobhan@example.org");
        ((ObjectNode) victim.get("address")).put("line1", "12 Quay Street");
        ((ObjectNode) victim.get("address")).put("postcode", "PR2 9ZZ");

        try (TopicProbe received = TopicProbe.open(Topics.REFERRALS_RECEIVED);
                TopicProbe intake = TopicProbe.open(Topics.REFERRALS_INTAKE)) {
            given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                    .contentType(ContentType.JSON)
                    .body(referral.toString())
                    .post("/api/v1/referrals")
                    .then()
                    .statusCode(202);

            List<ConsumerRecord<String, String>> records = received.awaitRecords(1, Duration.ofSeconds(15));
            assertEquals(1, records.size());
            String raw = records.get(0).value();
            assertNoPersonalData("referrals.received", raw);
            Referral published =
                    EventJson.read(raw).payloadAs(ReferralReceived.class).referral();
            // What may travel does travel.
            assertEquals(ref, published.sourceReference());
            assertEquals("FEMALE", published.victim().gender().name());
            assertFalse(published.victim().ageBand().label().equals("UNKNOWN"));
            assertEquals("HATE_CRIME", published.crime().category().name());
            assertEquals("RELIGION", published.crime().hateStrands().get(0).name());
            assertNull(published.riskLevel());
            assertNull(published.howHeardDetail());

            assertNoPersonalData(
                    "referrals.intake",
                    intake.awaitRecords(1, Duration.ofSeconds(15)).toString());
        }
        assertNoPersonalData("schema ingest", Referrals.dumpIngestSchema());
        try (var logs = Files.list(Path.of("target/surefire-reports"))) {
            for (Path log :
                    logs.filter(p -> p.toString().endsWith("-output.txt")).toList()) {
                assertNoPersonalData(log.toString(), Files.readString(log));
            }
        }
    }

    static void assertNoPersonalData(String where, String text) {
        for (String personal : PERSONAL) {
            assertFalse(text.contains(personal), where + " holds personal data: " + personal);
        }
    }
}

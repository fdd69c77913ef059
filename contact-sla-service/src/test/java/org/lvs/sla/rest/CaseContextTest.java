package org.lvs.sla.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvs.sla.support.Api.admin;
import static org.lvs.sla.support.Api.awaitCase;
import static org.lvs.sla.support.Api.handler;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lvs.contract.casework.CaseStatus;
import org.lvs.contract.referral.AgeBand;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.HateStrand;
import org.lvs.contract.referral.Safeguarding;
import org.lvs.contract.referral.Vulnerability;
import org.lvs.contract.triage.Pathway;
import org.lvs.contract.triage.Reason;
import org.lvs.contract.triage.ReasonCode;
import org.lvs.contract.triage.Strand;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.sla.support.Api;
import org.lvs.sla.support.Upstream;

/**
 * Case context for handlers (issue 12): the case view shows the crime category, hate strands, vulnerabilities,
 * whether contact is unsafe and why, the risk level and the age band, from the decision and, for consented victims,
 * from the referral; work queues show the decision's facts per row.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class CaseContextTest {

    private static final String WHY = "her family must not learn of the referral";

    @Test
    void theCaseShowsWhyAnUnsafeYoungVictimIsScreenedAndTheQueueShowsTheFacts() {
        UUID id = UUID.randomUUID();
        Upstream.decision()
                .id(id)
                .status(CaseStatus.SCREENING)
                .route(Strand.NEST, Pathway.NEST)
                .crime(CrimeCategory.HATE_CRIME, HateStrand.RELIGION, HateStrand.RACE)
                .ageBand(AgeBand.UNDER_18)
                .reasons(
                        new Reason(ReasonCode.CONSENT_EXPLICIT, "explicit"),
                        new Reason(ReasonCode.UNSAFE_TO_CONTACT, "unsafe to contact; a coordinator screens first"),
                        new Reason(ReasonCode.PRIORITY_UNDER_18, "under 18 at recordedAt"),
                        new Reason(ReasonCode.PRIORITY_VULNERABLE, "INTIMIDATED,MENTAL_HEALTH"))
                .send();
        JsonPath c = awaitCase(id);
        assertEquals("HATE_CRIME", c.getString("context.crimeCategory"));
        assertEquals(List.of("RELIGION", "RACE"), c.getList("context.hateStrands"));
        assertEquals(List.of("MENTAL_HEALTH", "INTIMIDATED"), c.getList("context.vulnerabilities"));
        assertTrue(c.getBoolean("context.unsafeToContact"));
        assertEquals("unsafe to contact; a coordinator screens first", c.getString("context.screeningReason"));
        assertEquals("0-17", c.getString("context.ageBand"));
        assertEquals("HIGH", c.getString("context.riskLevel"));
        assertEquals(
                List.of("CONSENT_EXPLICIT", "UNSAFE_TO_CONTACT", "PRIORITY_UNDER_18", "PRIORITY_VULNERABLE"),
                c.getList("context.decisionReasons.code"));

        // the consented victim's own referral adds its flags and the reason in its words
        Upstream.send(Upstream.received(
                id,
                1,
                "Yara",
                "Young",
                "07700 900444",
                "PR-" + id,
                Consent.EXPLICIT,
                List.of(Vulnerability.LEARNING_DISABILITY),
                new Safeguarding(true, WHY)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Api.get(id).jsonPath().get("victim") != null);
        c = Api.get(id).jsonPath();
        assertEquals(
                List.of("MENTAL_HEALTH", "LEARNING_DISABILITY", "INTIMIDATED"), c.getList("context.vulnerabilities"));
        assertEquals(WHY, c.getString("context.screeningReason"));
        assertEquals(WHY, c.getString("context.safeguardingReason"));

        List<Map<String, Object>> rows = given().header("Authorization", handler())
                .queryParam("status", "SCREENING")
                .queryParam("strand", "NEST")
                .queryParam("size", 500)
                .get("/api/v1/cases")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.findAll { it.referralId == '" + id + "' }");
        assertEquals(1, rows.size());
        Map<String, Object> row = rows.get(0);
        assertEquals("HATE_CRIME", row.get("crimeCategory"));
        assertEquals(List.of("RELIGION", "RACE"), row.get("hateStrands"));
        assertEquals("0-17", row.get("ageBand"));
        assertEquals(true, row.get("unsafeToContact"));
        assertEquals(List.of("MENTAL_HEALTH", "INTIMIDATED"), row.get("vulnerabilities"));
        assertFalse(row.containsKey("safeguardingReason"), "no free text in lists");

        // erased: the reason in the victim's words goes, the decision's facts stay
        given().header("Authorization", admin())
                .delete(Api.CASES + id + "/personal-data")
                .then()
                .statusCode(200);
        c = Api.get(id).jsonPath();
        assertNull(c.get("context.safeguardingReason"));
        assertEquals("unsafe to contact; a coordinator screens first", c.getString("context.screeningReason"));
        assertEquals(List.of("MENTAL_HEALTH", "INTIMIDATED"), c.getList("context.vulnerabilities"));
    }

    @Test
    void aVictimWithoutConsentHasTheDecisionsFactsOnly() {
        UUID id = Upstream.decision()
                .ageBand(AgeBand.FROM_65)
                .crime(CrimeCategory.BURGLARY)
                .reasons(new Reason(ReasonCode.PRIORITY_PERSISTENTLY_TARGETED, "REPEAT_VICTIM"))
                .send()
                .referralId;
        JsonPath c = awaitCase(id);
        assertEquals("BURGLARY", c.getString("context.crimeCategory"));
        assertEquals(List.of(), c.getList("context.hateStrands"));
        assertEquals(List.of("REPEAT_VICTIM"), c.getList("context.vulnerabilities"));
        assertFalse(c.getBoolean("context.unsafeToContact"));
        assertNull(c.get("context.screeningReason"));
        assertEquals("65+", c.getString("context.ageBand"));
    }
}

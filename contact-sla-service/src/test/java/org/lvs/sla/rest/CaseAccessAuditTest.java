package org.lvs.sla.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvs.sla.support.Api.admin;
import static org.lvs.sla.support.Api.awaitCase;
import static org.lvs.sla.support.Api.handler;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.lvs.contract.referral.Consent;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.sla.support.Api;
import org.lvs.sla.support.Upstream;

/**
 * Case work is audited and narrow (issue 11): reading a case and every victim search are recorded with the token's
 * subject and the time, a search with its stated reason and a keyed HMAC of its terms; a search needs more than a
 * name; admin reads the audit through GET /api/v1/audit.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class CaseAccessAuditTest {

    private static final String CASE_HANDLER_SUBJECT = "test-case-handler";

    @ConfigProperty(name = "lvs.sla.search-audit-key")
    String key;

    private static RequestSpecification search() {
        return given().header("Authorization", handler()).queryParam("reason", "victim called the helpline");
    }

    private static UUID victim(String first, String last) {
        UUID id = UUID.randomUUID();
        Upstream.send(Upstream.received(
                id,
                1,
                first,
                last,
                "+44 7700 9" + id.toString().replaceAll("[^0-9]", "").substring(0, 5),
                "PR-" + id,
                Consent.EXPLICIT));
        Upstream.decision().id(id).send();
        awaitCase(id);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Api.get(id).jsonPath().get("victim") != null);
        return id;
    }

    @Test
    void readingACaseIsAuditedWithTheTokensSubject() {
        UUID id = victim("Rita", "Reader" + UUID.randomUUID().toString().substring(0, 6));
        Instant before = Instant.now().minusSeconds(1);
        // The same count before and after: earlier reads while the case waited for the victim's details were
        // audited too, some of them without personal data.
        String readsWithPersonalData = "select count(*) from sla.access_audit where action = 'CASE_READ' "
                + "and referral_id = ?::uuid and actor = ? and personal_data";
        int reads = Api.count(readsWithPersonalData, id.toString(), CASE_HANDLER_SUBJECT);
        given().header("Authorization", handler()).get(Api.CASES + id).then().statusCode(200);
        assertEquals(reads + 1, Api.count(readsWithPersonalData, id.toString(), CASE_HANDLER_SUBJECT));
        JsonPath audit = given().header("Authorization", admin())
                .queryParam("from", before.toString())
                .queryParam("action", "CASE_READ")
                .queryParam("size", 500)
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, Object>> mine = audit.getList("items.findAll { it.referralId == '" + id + "' }");
        assertTrue(!mine.isEmpty(), "admin sees the read");
        assertEquals(CASE_HANDLER_SUBJECT, mine.get(mine.size() - 1).get("actor"));
        assertTrue(Instant.parse((String) mine.get(mine.size() - 1).get("at")).isAfter(before));
    }

    @Test
    void aSearchNeedsMoreThanANameAndAReason() {
        given().header("Authorization", handler())
                .queryParam("phone", "07700900321")
                .get("/api/v1/cases")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("reason"));
        search().queryParam("firstName", "Sally")
                .get("/api/v1/cases")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("lastName", "dateOfBirth", "search"));
        search().queryParam("lastName", "Smith")
                .queryParam("postcode", "PR1 1AA")
                .get("/api/v1/cases")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("firstName", "search"));
        search().queryParam("firstName", "Sally")
                .queryParam("lastName", "Smith")
                .get("/api/v1/cases")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("dateOfBirth", "search"));
        search().queryParam("q", "Sally Smith")
                .get("/api/v1/cases")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("q"));
        search().queryParam("phone", "0770")
                .get("/api/v1/cases")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("phone"));
        search().queryParam("email", "not-an-address")
                .queryParam("dateOfBirth", "yesterday")
                .get("/api/v1/cases")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("email", "dateOfBirth"));
        search().queryParam("personRef", "P\u0000")
                .get("/api/v1/cases")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("personRef"));
    }

    @Test
    void searchesFindByFullNameWithDateOfBirthOrPostcodePhoneEmailOrPersonRefAndAreAuditedByKeyedHmac()
            throws Exception {
        String last = "Searchable" + UUID.randomUUID().toString().substring(0, 8);
        UUID id = victim("Sally", last);
        JsonPath c = Api.get(id).jsonPath();
        String phone = c.getString("victim.phone");
        int searchesBefore = Api.count("select count(*) from sla.access_audit where action = 'CASE_SEARCH'");
        List<Map<String, String>> searches = List.of(
                Map.of("firstName", "sally", "lastName", last.toUpperCase(), "dateOfBirth", "1987-03-14"),
                Map.of("firstName", " Sally ", "lastName", last, "postcode", "pr11aa"),
                Map.of("phone", phone),
                Map.of("email", Upstream.emailOf(id).toUpperCase()),
                Map.of("personRef", "pr-" + id),
                Map.of("q", phone.replace("+44 ", "0")));
        for (Map<String, String> terms : searches) {
            search().queryParams(terms)
                    .get("/api/v1/cases")
                    .then()
                    .statusCode(200)
                    .body("items.referralId", equalTo(List.of(id.toString())))
                    .body("items[0].victimName", equalTo("Sally " + last));
        }
        // a name that matches but a date of birth that does not: nothing
        search().queryParam("firstName", "Sally")
                .queryParam("lastName", last)
                .queryParam("dateOfBirth", "1987-03-15")
                .get("/api/v1/cases")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        assertEquals(
                searchesBefore + searches.size() + 1,
                Api.count("select count(*) from sla.access_audit where action = 'CASE_SEARCH'"));
        // nothing of the terms in clear, and the hash is keyed: HMAC-SHA256 with the configured key, not SHA-256
        assertEquals(0, Api.count("select count(*) from sla.access_audit a where a::text ilike ?", "%" + last + "%"));
        String canonical = "dateOfBirth=1987-03-14\nfirstName=sally\nlastName=" + last.toLowerCase() + "\n";
        String stored = Api.text(
                "select terms_hmac from sla.access_audit where action = 'CASE_SEARCH' and "
                        + "criteria = 'dateOfBirth+firstName+lastName' and result_ids @> array[?::uuid]",
                id.toString());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertEquals(HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8))), stored);
        assertNotEquals(
                HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256")
                                .digest(canonical.getBytes(StandardCharsets.UTF_8))),
                stored);
        // by phone, and by q (shorthand for the same phone number)
        assertEquals(
                2,
                Api.count(
                        "select count(*) from sla.access_audit where action = 'CASE_SEARCH' and actor = ? "
                                + "and reason = 'victim called the helpline' and criteria = 'phone' and result_count = 1 "
                                + "and result_ids @> array[?::uuid]",
                        CASE_HANDLER_SUBJECT,
                        id.toString()));
    }

    @Test
    void onlyAdminReadsTheAuditWhichIsPagedAndValidated() {
        given().header("Authorization", handler()).get("/api/v1/audit").then().statusCode(403);
        given().get("/api/v1/audit").then().statusCode(401);
        given().header("Authorization", admin())
                .queryParam("size", 1)
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .body("size", equalTo(1))
                .body("page", equalTo(0));
        given().header("Authorization", admin())
                .queryParam("action", "PEEK")
                .queryParam("from", "soon")
                .queryParam("size", 501)
                .get("/api/v1/audit")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("action", "from", "size"));
        given().header("Authorization", admin())
                .queryParam("actor", "handler\u0000")
                .get("/api/v1/audit")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("actor"));
    }
}

package org.lvs.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.contract.Topics;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;
import org.lvs.infra.test.TopicProbe;

/**
 * Issue 11, item 1: a referrer acts only for the sources its token names, on every referrer path of ingest (submit
 * and amend, single, JSON batch, CSV batch; receipts; feed gaps; rejections). Refusals are 403 and nothing is stored
 * or published; a batch for a foreign source is refused whole; a token without sources may do nothing. Case
 * handlers are not limited.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class SourceOwnershipTest {

    static final Duration QUIET = Duration.ofSeconds(2);
    final String mashOnly = TestTokens.referrerFor("MASH");
    final String adtOnly = TestTokens.referrerFor("ADT");
    final String noSources = TestTokens.referrerFor();

    static Response postSingle(String token, ObjectNode referral) {
        return given().header("Authorization", token)
                .contentType(ContentType.JSON)
                .body(referral.toString())
                .post("/api/v1/referrals");
    }

    static Response postBatch(String token, ObjectNode batch) {
        return given().header("Authorization", token)
                .contentType(ContentType.JSON)
                .body(batch.toString())
                .post(BatchTest.PATH);
    }

    static long stored(String ref) {
        return Referrals.count("SELECT count(*) FROM referral WHERE source_reference = ?", ref);
    }

    @Test
    void aReferrerSubmitsAndAmendsOnlyForItsOwnSources() {
        String adtRef = Referrals.newReference();
        try (TopicProbe received = TopicProbe.open(Topics.REFERRALS_RECEIVED);
                TopicProbe intake = TopicProbe.open(Topics.REFERRALS_INTAKE)) {
            postSingle(mashOnly, Referrals.valid("ADT", adtRef))
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("detail", containsString("ADT"));
            assertEquals(0, received.drain(QUIET).size());
            assertEquals(0, intake.drain(QUIET).size(), "a refused record is not even an intake record");
        }
        assertEquals(0, stored(adtRef));

        // The ADT feed sends it; a MASH token may not amend it (e.g. to withdraw consent), nor resend it.
        String id = postSingle(adtOnly, Referrals.valid("ADT", adtRef))
                .then()
                .statusCode(202)
                .body("status", equalTo("ACCEPTED"))
                .extract()
                .path("referralId");
        ObjectNode amendment = Referrals.valid("ADT", adtRef).put("version", 2).put("consent", "REFUSED");
        try (TopicProbe received = TopicProbe.open(Topics.REFERRALS_RECEIVED)) {
            postSingle(mashOnly, amendment).then().statusCode(403);
            assertEquals(0, received.drain(QUIET).size());
        }
        given().header("Authorization", TestTokens.bearer(Roles.CASE_HANDLER))
                .get("/api/v1/referrals/" + id)
                .then()
                .statusCode(200)
                .body("versions.size()", equalTo(1));
        postSingle(adtOnly, amendment)
                .then()
                .statusCode(202)
                .body("status", equalTo("AMENDED"))
                .body("referralId", equalTo(id));
        // A body with a foreign source is refused even when other fields are bad too: nothing is told about it.
        ObjectNode badAndForeign = Referrals.valid("ADT", Referrals.newReference());
        badAndForeign.remove("consent");
        postSingle(mashOnly, badAndForeign).then().statusCode(403);
    }

    @Test
    void aBatchForAForeignSourceIsRefusedWholeAsJsonAndAsCsv() {
        String a = Referrals.newReference(), b = Referrals.newReference();
        ObjectNode foreignBatch = JsonNodeFactory.instance.objectNode().put("source", "ADT");
        foreignBatch.putArray("referrals").add(Referrals.valid("ADT", a));
        // The batch is MASH's, but one record names ADT: the whole batch is refused, MASH's record too.
        ObjectNode mixed = JsonNodeFactory.instance.objectNode().put("source", "MASH");
        ObjectNode own = Referrals.valid("MASH", b);
        own.remove("source");
        mixed.putArray("referrals").add(own).add(Referrals.valid("ADT", a));
        String csv = "sourceReference,recordedAt,area,crime.category,consent\n" + a + "," + BatchTest.recent()
                + ",CENTRAL,ASSAULT,EXPLICIT\n";
        String csvWithSourceColumn = "source,sourceReference,recordedAt,area,crime.category,consent\n" + "ADT," + a
                + "," + BatchTest.recent() + ",CENTRAL,ASSAULT,EXPLICIT\n";
        try (TopicProbe received = TopicProbe.open(Topics.REFERRALS_RECEIVED);
                TopicProbe intake = TopicProbe.open(Topics.REFERRALS_INTAKE)) {
            postBatch(mashOnly, foreignBatch).then().statusCode(403).contentType("application/problem+json");
            postBatch(mashOnly, mixed).then().statusCode(403);
            given().header("Authorization", mashOnly)
                    .contentType("text/csv")
                    .queryParam("source", "ADT")
                    .body(csv)
                    .post(BatchTest.PATH)
                    .then()
                    .statusCode(403);
            given().header("Authorization", mashOnly)
                    .contentType("text/csv")
                    .queryParam("source", "MASH")
                    .body(csvWithSourceColumn)
                    .post(BatchTest.PATH)
                    .then()
                    .statusCode(403);
            assertEquals(0, received.drain(QUIET).size());
            assertEquals(0, intake.drain(QUIET).size());
        }
        assertEquals(0, stored(a));
        assertEquals(0, stored(b));
        // Its own batch goes through.
        ObjectNode ownBatch = JsonNodeFactory.instance.objectNode().put("source", "MASH");
        ownBatch.putArray("referrals").add(own);
        postBatch(mashOnly, ownBatch).then().statusCode(200).body("accepted", equalTo(1));
        given().header("Authorization", adtOnly)
                .contentType("text/csv")
                .queryParam("source", "ADT")
                .body(csv)
                .post(BatchTest.PATH)
                .then()
                .statusCode(200)
                .body("accepted", equalTo(1));
    }

    @Test
    void receiptsGapsAndRejectionsAreReadOnlyForOwnSources() {
        String ref = Referrals.newReference();
        String id = postSingle(adtOnly, Referrals.valid("ADT", ref))
                .then()
                .statusCode(202)
                .extract()
                .path("referralId");
        given().header("Authorization", mashOnly)
                .get("/api/v1/referrals/" + id)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", adtOnly)
                .get("/api/v1/referrals/" + id)
                .then()
                .statusCode(200)
                .body("referralId", equalTo(id));
        given().header("Authorization", TestTokens.bearer(Roles.CASE_HANDLER))
                .get("/api/v1/referrals/" + id)
                .then()
                .statusCode(200);
        for (String path : new String[] {"/api/v1/feeds/ADT/gaps", "/api/v1/feeds/ADT/rejections"}) {
            given().header("Authorization", mashOnly).get(path).then().statusCode(403);
            given().header("Authorization", adtOnly).get(path).then().statusCode(200);
            given().header("Authorization", TestTokens.bearer(Roles.CASE_HANDLER))
                    .get(path)
                    .then()
                    .statusCode(200);
        }
    }

    @Test
    void aReferrerTokenWithoutSourcesMayDoNothing() {
        String ref = Referrals.newReference();
        String id = postSingle(adtOnly, Referrals.valid("ADT", ref))
                .then()
                .statusCode(202)
                .extract()
                .path("referralId");
        String unused = Referrals.newReference();
        ObjectNode batch = JsonNodeFactory.instance.objectNode().put("source", "ADT");
        batch.putArray("referrals").add(Referrals.valid("ADT", unused));
        try (TopicProbe intake = TopicProbe.open(Topics.REFERRALS_INTAKE)) {
            postSingle(noSources, Referrals.valid("ADT", unused)).then().statusCode(403);
            // Not even a record without a source, whose rejection would otherwise be an intake record.
            ObjectNode sourceless = Referrals.valid("ADT", unused);
            sourceless.remove("source");
            postSingle(noSources, sourceless).then().statusCode(403);
            postBatch(noSources, batch).then().statusCode(403);
            given().header("Authorization", noSources)
                    .contentType("text/csv")
                    .body("sourceReference\nX\n")
                    .post(BatchTest.PATH)
                    .then()
                    .statusCode(403);
            assertEquals(0, intake.drain(QUIET).size());
        }
        given().header("Authorization", noSources)
                .get("/api/v1/referrals/" + id)
                .then()
                .statusCode(403);
        given().header("Authorization", noSources)
                .get("/api/v1/feeds/ADT/gaps")
                .then()
                .statusCode(403);
        given().header("Authorization", noSources)
                .get("/api/v1/feeds/ADT/rejections")
                .then()
                .statusCode(403);
        assertEquals(0, stored(unused));
    }
}

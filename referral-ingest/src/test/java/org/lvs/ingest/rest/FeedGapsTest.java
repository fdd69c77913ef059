package org.lvs.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;

/** Feed gaps of one source (OFFICER_DIRECT is used with feed numbers only here). */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class FeedGapsTest {

    static final String GAPS = "/api/v1/feeds/OFFICER_DIRECT/gaps";

    static ObjectNode record(long seq) {
        ObjectNode r = Referrals.valid("OFFICER_DIRECT", Referrals.newReference());
        r.put("feedSequence", seq);
        return r;
    }

    @Test
    void gapsBetweenLowestAndHighestAreListedAndALateRecordFillsItsGap() {
        ObjectNode batch = JsonNodeFactory.instance.objectNode().put("source", "OFFICER_DIRECT");
        ObjectNode rejected = record(103);
        rejected.put("area", "NOWHERE"); // a rejected record still fills its number
        batch.putArray("referrals")
                .add(record(100))
                .add(record(101))
                .add(rejected)
                .add(record(106))
                .add(record(110));
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .contentType(ContentType.JSON)
                .body(batch.toString())
                .post("/api/v1/referrals/batch")
                .then()
                .statusCode(200)
                .body("rejected", equalTo(1));

        given().header("Authorization", TestTokens.bearer(Roles.CASE_HANDLER))
                .get(GAPS)
                .then()
                .statusCode(200)
                .body("source", equalTo("OFFICER_DIRECT"))
                .body("lowest", equalTo(100))
                .body("highest", equalTo(110))
                .body("gaps.from", contains(102, 104, 107))
                .body("gaps.to", contains(102, 105, 109))
                .body("missing", equalTo(6));

        // Late arrivals fill 102 and 104 (one single, one rejected for a bad field).
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .contentType(ContentType.JSON)
                .body(record(102).toString())
                .post("/api/v1/referrals")
                .then()
                .statusCode(202);
        ObjectNode bad = record(104);
        bad.remove("consent");
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .contentType(ContentType.JSON)
                .body(bad.toString())
                .post("/api/v1/referrals")
                .then()
                .statusCode(400);

        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .get(GAPS)
                .then()
                .statusCode(200)
                .body("gaps.from", contains(105, 107))
                .body("gaps.to", contains(105, 109))
                .body("missing", equalTo(4));
    }

    @Test
    void aSourceWithoutFeedNumbersHasNoGapsAndUnknownSourcesAre404() {
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .get("/api/v1/feeds/SELF/gaps")
                .then()
                .statusCode(200)
                .body("gaps", empty());
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .get("/api/v1/feeds/NOPE/gaps")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().get(GAPS).then().statusCode(401);
        given().header("Authorization", TestTokens.bearer(Roles.OPS))
                .get(GAPS)
                .then()
                .statusCode(403);
    }
}

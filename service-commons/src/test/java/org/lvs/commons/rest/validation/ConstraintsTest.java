package org.lvs.commons.rest.validation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;

/** The shared parameter constraints, discovered and interpolated in a real Quarkus application. */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class ConstraintsTest {

    private static RequestSpecification ops() {
        return given().header("Authorization", TestTokens.bearer(Roles.OPS));
    }

    @Test
    void wellFormedValuesAreReadAndBlankIsAbsent() {
        ops().queryParam("at", "2017-06-30T24:00:00Z")
                .queryParam("strictAt", " 2017-06-30T10:00:00+01:00 ")
                .queryParam("bound", "2017-07-01")
                .queryParam("day", "0001-01-01")
                .queryParam("periodDay", "2017-07-01")
                .queryParam("unit", " SECONDS ")
                .queryParam("page", 0)
                .queryParam("size", 500)
                .queryParam("smallSize", 10)
                .get("/probe/constraints")
                .then()
                .statusCode(200)
                .body(equalTo("2017-07-01T00:00:00Z 2017-06-30T09:00:00Z 2017-06-30T23:00:00Z 2017-07-01T23:00:00Z"
                        + " SECONDS"));
        ops().queryParam("at", " ")
                .queryParam("strictAt", "")
                .queryParam("bound", " ")
                .queryParam("day", "")
                .queryParam("unit", " ")
                .get("/probe/constraints")
                .then()
                .statusCode(200)
                .body(equalTo("null null null null null"));
    }

    @Test
    void everyBadParameterIsNamedWithItsMessage() {
        ops().queryParam("at", "yesterday")
                .queryParam("strictAt", "2017-06-30T23:59:60Z")
                .queryParam("bound", "soon")
                .queryParam("day", "2017-02-30")
                .queryParam("periodDay", "1899-12-31")
                .queryParam("unit", "WEEKS")
                .queryParam("page", -1)
                .queryParam("size", 501)
                .queryParam("smallSize", 11)
                .get("/probe/constraints")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "errors.field",
                        contains("at", "bound", "day", "page", "periodDay", "size", "smallSize", "strictAt", "unit"))
                .body(
                        "errors.message",
                        contains(
                                "must be an ISO-8601 instant such as 2017-06-05T10:00:00Z",
                                "must be a date (2017-06-30) or an instant",
                                "must be an ISO date, e.g. 2017-07-01",
                                "must be 0 or more",
                                "year out of range",
                                "must be from 1 to 500",
                                "must be from 1 to 10",
                                "strict",
                                "must be one of [NANOSECONDS, MICROSECONDS, MILLISECONDS, SECONDS, MINUTES, HOURS,"
                                        + " DAYS]"));
        ops().queryParam("size", 0)
                .get("/probe/constraints")
                .then()
                .statusCode(400)
                .body("errors.message", contains("must be from 1 to 500"));
    }

    @Test
    void theLenientInstantAlsoReadsALeapSecondAndTwentyFourHundred() {
        IsoInstant.Validator lenient = new IsoInstant.Validator();
        assertTrue(lenient.isValid("2017-06-30T23:59:60Z", null));
        assertTrue(lenient.isValid("2017-06-30T10:00Z", null));
        assertTrue(lenient.isValid("2017-06-30T10:00:00+01", null));
        assertFalse(lenient.isValid("2017-06-30", null));
        IsoDate.Validator anyYear = new IsoDate.Validator();
        assertTrue(anyYear.isValid("1899-12-31", null));
        assertFalse(new IsoDate.Validator(1900, 9998).isValid("1899-12-31", null));
    }
}

package org.lvs.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.lvs.infra.test.LvsTestResources;

/** The OpenAPI document describes every endpoint with examples, and Swagger UI is served. */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class OpenApiTest {

    @Test
    void everyEndpointIsDescribedWithExamples() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/referrals/batch")).body(containsString("/api/v1/referrals/{referralId}"))
                .body(containsString("/api/v1/feeds/{source}/gaps")).body(containsString("/api/v1/self-referrals"))
                .body(containsString("LC-2017-0012345")).body(containsString("application/problem+json"))
                .body(containsString("\"413\"")).body(containsString("\"503\"")).body(containsString("text/csv"));
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}

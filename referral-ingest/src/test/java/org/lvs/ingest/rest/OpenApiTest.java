package org.lvs.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lvs.infra.test.LvsTestResources;

/** The OpenAPI document describes every endpoint with examples, and Swagger UI is served. */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class OpenApiTest {

    @Test
    void everyEndpointIsDescribedWithExamples() {
        given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(containsString("/api/v1/referrals/batch"))
                .body(containsString("/api/v1/referrals/{referralId}"))
                .body(containsString("/api/v1/feeds/{source}/gaps"))
                .body(containsString("/api/v1/self-referrals"))
                .body(containsString("LC-2017-0012345"))
                .body(containsString("application/problem+json"))
                .body(containsString("\"413\""))
                .body(containsString("\"503\""))
                .body(containsString("text/csv"));
    }

    @Test
    void everyResponseOfEveryOperationHasADescription() {
        JsonPath doc = given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        List<String> missing = new ArrayList<>();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            if (!(operation.get("responses") instanceof Map<?, ?> responses)) {
                return;
            }
            responses.forEach((status, response) -> {
                Object description = ((Map<?, ?>) response).get("description");
                if (description == null || description.toString().isBlank()) {
                    missing.add(method.toUpperCase() + " " + path + " " + status);
                }
            });
        }));
        assertTrue(missing.isEmpty(), "responses without a description: " + missing);
        assertTrue(paths.containsKey("/api/v1/feeds/{source}/rejections"));
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}

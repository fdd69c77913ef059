package org.lvs.metrics.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lvs.infra.test.LvsTestResources;

/**
 * The OpenAPI document describes every resource method and every answer it gives (issue 12); the build also writes
 * it to {@code target/openapi/openapi.yaml}, which {@code npx @redocly/cli lint} accepts (README).
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class OpenApiTest {

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationIsDescribedWithEveryResponse() throws Exception {
        JsonPath doc = given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        for (RoleMatrixTest.Endpoint e : RoleMatrixTest.resourceMethods()) {
            Map<String, Object> operation =
                    (Map<String, Object>) paths.get(e.template()).get(e.method().toLowerCase());
            assertTrue(operation != null, e.key() + " is in the document");
            assertTrue(operation.get("operationId") != null && operation.get("summary") != null, e.key());
            assertFalse(((List<?>) operation.get("security")).isEmpty(), e.key() + " names its security");
            Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
            assertTrue(responses.containsKey("401"), e.key() + " describes its 401");
            boolean success = responses.keySet().stream().anyMatch(code -> code.startsWith("2"));
            assertTrue(success, e.key() + " describes its success");
            responses.forEach((code, response) -> assertFalse(
                    String.valueOf(response.get("description")).isBlank(),
                    e.key() + " " + code + " has a description"));
        }
    }
}

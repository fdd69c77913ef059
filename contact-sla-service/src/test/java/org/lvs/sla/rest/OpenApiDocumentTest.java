package org.lvs.sla.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lvs.infra.test.LvsTestResources;

/**
 * The OpenAPI document describes every answer of every operation (issue 12: valid API descriptions): each response
 * has a description, errors are problem+json, and 401, 403 and 503 are there everywhere. The build also writes it to
 * target/openapi for the linter (README).
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class OpenApiDocumentTest {

    @Test
    @SuppressWarnings("unchecked")
    void everyResponseOfEveryOperationIsDescribed() {
        Map<String, Map<String, Map<String, Object>>> paths = given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("paths");
        List<String> missing = new ArrayList<>();
        int operations = 0;
        for (Map.Entry<String, Map<String, Map<String, Object>>> path : paths.entrySet()) {
            for (Map.Entry<String, Map<String, Object>> operation :
                    path.getValue().entrySet()) {
                operations++;
                String name = operation.getKey().toUpperCase() + " " + path.getKey();
                Map<String, Map<String, Object>> responses =
                        (Map<String, Map<String, Object>>) operation.getValue().get("responses");
                for (String code : List.of("200", "401", "403", "503")) {
                    if (!responses.containsKey(code)) {
                        missing.add(name + " has no " + code);
                    }
                }
                responses.forEach((code, response) -> {
                    Object description = response.get("description");
                    if (!(description instanceof String text) || text.isBlank()) {
                        missing.add(name + " " + code + " has no description");
                    }
                    if (!code.startsWith("2")
                            && !String.valueOf(response.get("content")).contains("application/problem+json")) {
                        missing.add(name + " " + code + " is not problem+json");
                    }
                });
                assertTrue(operation.getValue().get("operationId") != null, name + " has an operationId");
            }
        }
        assertEquals(18, operations, "every endpoint of the role matrix");
        assertEquals(List.of(), missing);
    }
}

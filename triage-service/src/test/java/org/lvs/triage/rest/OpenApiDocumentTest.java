package org.lvs.triage.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lvs.contract.event.EventJson;
import org.lvs.infra.test.LvsTestResources;

/**
 * The published OpenAPI document (issue 12, item 7): every operation has an id and every response a description, its
 * errors are problem+json, and it names the bearer scheme. The build also writes it to target/openapi for a linter.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class OpenApiDocumentTest {

    @Test
    void everyResponseIsDescribedAndEveryErrorIsAProblem() throws Exception {
        JsonNode doc = EventJson.mapper()
                .readTree(given().queryParam("format", "json")
                        .get("/q/openapi")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        List<String> missing = new ArrayList<>();
        doc.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                    String where = op.getKey().toUpperCase() + " " + path.getKey();
                    if (op.getValue().path("operationId").asText().isBlank()) {
                        missing.add(where + ": operationId");
                    }
                    if (op.getValue().path("security").isEmpty()) {
                        missing.add(where + ": security");
                    }
                    op.getValue().path("responses").fields().forEachRemaining(response -> {
                        if (response.getValue().path("description").asText().isBlank()) {
                            missing.add(where + " " + response.getKey() + ": description");
                        }
                        if (response.getKey().startsWith("4")
                                || response.getKey().startsWith("5")) {
                            if (response.getValue()
                                    .path("content")
                                    .path("application/problem+json")
                                    .isMissingNode()) {
                                missing.add(where + " " + response.getKey() + ": application/problem+json");
                            }
                        }
                    });
                }));
        assertEquals(List.of(), missing);
        assertTrue(doc.path("components").path("securitySchemes").has("bearer"));
    }
}

package org.lvs.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.contract.event.EventJson;
import org.lvs.infra.test.TestTokens;

/**
 * One referral walks the whole way: POST to referral-ingest → referrals.received → triage-service decides →
 * contact-sla-service opens a case with a running clock → metrics-service counts it.
 */
class FollowOneReferralIT {

    private static RunningStack stack;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startStack() throws IOException {
        stack = RunningStack.start();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void referralBecomesADecisionACaseAndACount() throws Exception {
        String sourceReference = "E2E-" + UUID.randomUUID();
        String referral = """
                {"source":"ADT","sourceReference":"%s","version":1,"feedSequence":1,
                 "recordedAt":"%s","area":"CENTRAL",
                 "crime":{"category":"DOMESTIC_ABUSE","hateStrands":[]},
                 "victim":{"firstName":"Zoë","lastName":"Example","dateOfBirth":"1985-03-04",
                           "phone":"07700 900123","gender":"FEMALE"},
                 "consent":"EXPLICIT","riskLevel":"HIGH"}
                """.formatted(sourceReference, Instant.now().minus(1, ChronoUnit.HOURS));

        HttpResponse<String> accepted = send("referral-ingest", "POST", "/api/v1/referrals", referral, Roles.REFERRER);
        assertEquals(202, accepted.statusCode(), accepted.body());
        JsonNode receipt = EventJson.mapper().readTree(accepted.body());
        assertEquals("ACCEPTED", receipt.get("status").asText());
        String referralId = receipt.get("referralId").asText();

        JsonNode decision = awaitJson("triage-service", "/api/v1/triage/" + referralId, Roles.CASE_HANDLER);
        assertEquals("CASE_OPENED", decision.get("outcome").asText());
        assertEquals("IDVA", decision.get("pathway").asText());
        assertEquals("PRIORITY", decision.get("priority").asText());

        JsonNode kase = awaitJson("contact-sla-service", "/api/v1/cases/" + referralId, Roles.CASE_HANDLER);
        assertEquals("OPEN", kase.get("status").asText());
        assertEquals(
                "RUNNING",
                kase.path("clock")
                        .path("clockState")
                        .asText(kase.path("clockState").asText()));

        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        String summaryPath = "/api/v1/metrics/summary?from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    HttpResponse<String> summary = send("metrics-service", "GET", summaryPath, null, Roles.OPS);
                    assertEquals(200, summary.statusCode(), summary.body());
                    JsonNode figures = EventJson.mapper().readTree(summary.body());
                    assertTrue(figures.path("referrals").path("total").asInt() >= 1, summary.body());
                });
    }

    private JsonNode awaitJson(String service, String path, String role) {
        JsonNode[] result = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> {
                    HttpResponse<String> response = send(service, "GET", path, null, role);
                    assertEquals(200, response.statusCode(), response.body());
                    result[0] = EventJson.mapper().readTree(response.body());
                });
        return result[0];
    }

    private HttpResponse<String> send(String service, String method, String path, String json, String role)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.url(service) + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", TestTokens.bearer(role));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package org.lvs.metrics.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.contract.referral.Source;
import org.lvs.contract.triage.Pathway;
import org.lvs.contract.triage.Priority;
import org.lvs.contract.triage.Strand;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;
import org.lvs.metrics.TestEvents.Case;
import org.lvs.metrics.TestEvents.Decision;

/** Security, bad input, the stream's ticket, and the Prometheus export. */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class MetricsApiTest {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void figuresNeedAnOpsOrAdminToken() {
        given().get("/api/v1/metrics/summary?period=2017-18-Q2")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .get("/api/v1/metrics/summary?period=2017-18-Q2")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer(Roles.CASE_HANDLER))
                .get("/api/v1/reports/quarterly/2017-18-Q2")
                .then()
                .statusCode(403);
        given().header("Authorization", TestTokens.bearer(Roles.ADMIN))
                .get("/api/v1/metrics/summary?period=2017-18")
                .then()
                .statusCode(200)
                .body("period.name", equalTo("2017-18"));
        given().get("/api/v1/reports/quarterly/2017-18-Q2").then().statusCode(401);
    }

    @Test
    void malformedPeriodsAreProblemsNamingTheField() {
        given().header("Authorization", TestTokens.bearer(Roles.OPS))
                .get("/api/v1/metrics/summary?period=2017-19-Q2")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors[0].field", equalTo("period"));
        given().header("Authorization", TestTokens.bearer(Roles.OPS))
                .get("/api/v1/metrics/summary?from=2017-02-30&to=soon")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("from", "to"));
        given().header("Authorization", TestTokens.bearer(Roles.OPS))
                .get("/api/v1/metrics/summary?period=2017-18&from=2017-01-01&to=2017-01-02")
                .then()
                .statusCode(400);
    }

    @Test
    void malformedDatesSayWhatADateIs() {
        given().header("Authorization", TestTokens.bearer(Roles.OPS))
                .get("/api/v1/metrics/live?from=2017-02-30&to=1899-12-31")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("from", "to"))
                .body("errors.message", contains("must be an ISO date, e.g. 2017-07-01", "year out of range"));
    }

    @Test
    void theDashboardFilesNeedNoToken() {
        given().get("/")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("live figures"));
        given().get("/dashboard.js").then().statusCode(200);
        given().get("/dashboard.css").then().statusCode(200);
        given().get("/api/v1/metrics/live").then().statusCode(401);
    }

    @Test
    void theStreamNeedsATicketAndSignalsAnAppliedEvent() throws Exception {
        given().get("/api/v1/metrics/stream").then().statusCode(401);
        given().get("/api/v1/metrics/stream?ticket=made-up").then().statusCode(401);
        given().post("/api/v1/metrics/stream-tickets").then().statusCode(401);
        String ticket = given().header("Authorization", TestTokens.bearer(Roles.OPS))
                .post("/api/v1/metrics/stream-tickets")
                .then()
                .statusCode(200)
                .body("expiresAt", notNullValue())
                .extract()
                .path("ticket");

        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<InputStream> response = client.send(
                HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + "/api/v1/metrics/stream?ticket=" + ticket))
                        .header("Accept", "text/event-stream")
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertTrue(response.statusCode() == 200);
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String first = nextData(reader);
            long before = versionOf(first);
            CompletableFuture<String> next = CompletableFuture.supplyAsync(() -> {
                try {
                    String data;
                    do {
                        data = nextData(reader);
                    } while (versionOf(data) == before);
                    return data;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Decision.of(Source.SELF, Instant.parse("2090-05-01T10:00:00Z"))
                    .event()
                    .send();
            String changed = next.get(30, TimeUnit.SECONDS);
            assertTrue(versionOf(changed) > before, changed);
        }
    }

    private static String nextData(BufferedReader reader) throws Exception {
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith("data:")) {
                return line.substring(5).trim();
            }
        }
        throw new IllegalStateException("stream ended");
    }

    private static long versionOf(String data) {
        return Long.parseLong(data.replaceAll("[^0-9]", ""));
    }

    @Test
    void prometheusExportsTheFigures() {
        Decision.of(Source.MASH, Instant.parse("2091-05-01T10:00:00Z")).event().send();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> given().get("/q/metrics")
                        .then()
                        .statusCode(200)
                        .body(containsString("lvs_referrals{outcome=\"CASE_OPENED\",source=\"MASH\"}"))
                        .body(containsString("lvs_sla_open_breaches"))
                        .body(containsString("lvs_sla_at_risk"))
                        .body(containsString("lvs_waiting_list{strand=\"NEST\"}"))
                        .body(containsString("lvs_metrics_consumer_lag_seconds"))
                        .body(containsString("lvs_metrics_events_total")));
    }

    /** The Grafana dashboard under deploy/ queries only metric names this service really exports. */
    @Test
    void theGrafanaDashboardUsesExportedMetricNames() throws Exception {
        Path dashboard = Path.of("..", "deploy", "grafana", "lvs-dashboard.json");
        String json = Files.readString(dashboard);
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("\\b(lvs_[a-z_]+)").matcher(json);
        while (m.find()) {
            names.add(m.group(1));
        }
        assertTrue(names.size() >= 6, names.toString());
        Decision decision = Decision.of(Source.ADT, Instant.parse("2092-05-01T10:00:00Z"));
        decision.event().send();
        new Case(
                        decision.referralId(),
                        Priority.STANDARD,
                        Strand.CORE,
                        Pathway.CORE,
                        Instant.parse("2092-05-01T10:00:00Z"))
                .opened()
                .send();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    String exported = given().get("/q/metrics")
                            .then()
                            .statusCode(200)
                            .extract()
                            .asString();
                    for (String name : names) {
                        assertTrue(exported.contains(name), "/q/metrics lacks " + name);
                    }
                });
    }
}

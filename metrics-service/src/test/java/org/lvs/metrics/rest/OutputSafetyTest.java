package org.lvs.metrics.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.contract.Topics;
import org.lvs.contract.event.IntakeRecorded;
import org.lvs.contract.event.IntakeStatus;
import org.lvs.contract.referral.Source;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;
import org.lvs.infra.test.TopicProbe;
import org.lvs.metrics.TestEvents.Decision;
import org.lvs.metrics.domain.ReportingPeriod;

/**
 * What leaves the service is safe to open (issue 11): a hostile value a source sent reaches the quarterly CSV only
 * as an inert cell, and every page carries the security headers.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class OutputSafetyTest {

    /** Spreadsheet formulas an unknown source could send as its name (OWASP, CSV injection). */
    static final List<String> HOSTILE = List.of(
            "=HYPERLINK(\"http://evil.example/\",\"click\")",
            "+SUM(1,2)",
            "-2+3",
            "@SUM(A1)",
            "\tcmd",
            "=cmd|' /C calc'!A0");

    @Test
    void aHostileValueReachesTheCsvReportOnlyAsAnInertCell() {
        int year = 7100 + ThreadLocalRandom.current().nextInt(800);
        String quarter = String.format("%d-%02d-Q1", year, (year + 1) % 100);
        Instant day = LocalDateTime.of(year, 4, 10, 10, 0)
                .atZone(ReportingPeriod.LONDON)
                .toInstant();
        long sequence = 1;
        for (String source : HOSTILE) {
            // a rejected record names the source as sent; two sequence numbers apart, so a gap is reported too
            for (int i = 0; i < 2; i++) {
                TopicProbe.send(
                        Topics.REFERRALS_INTAKE,
                        "x",
                        new IntakeRecorded(
                                        "rec-" + UUID.randomUUID(),
                                        null,
                                        source,
                                        "=1+1",
                                        null,
                                        sequence,
                                        "@batch",
                                        IntakeStatus.REJECTED,
                                        List.of(),
                                        day)
                                .toEnvelope());
                sequence += 2;
            }
        }
        Decision.of(Source.ADT, day)
                .area("=HYPERLINK(\"http://evil.example/\")")
                .event()
                .send();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> given().header("Authorization", TestTokens.bearer(Roles.OPS))
                                .queryParam("period", quarter)
                                .get("/api/v1/metrics/summary")
                                .then()
                                .extract()
                                .jsonPath()
                                .getInt("intake.rejected")
                        == 2 * HOSTILE.size());

        String csv = given().header("Authorization", TestTokens.bearer(Roles.OPS))
                .queryParam("format", "csv")
                .get("/api/v1/reports/quarterly/" + quarter)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        List<List<String>> rows = parse(csv);
        int hostileCells = 0;
        for (List<String> row : rows) {
            assertEquals(3, row.size(), () -> "section,figure,value: " + row);
            for (String cell : row) {
                if (cell.isEmpty() || isNumber(cell)) {
                    continue;
                }
                assertFalse(
                        Set.of('=', '+', '-', '@', '\t', '\r').contains(cell.charAt(0)),
                        () -> "a spreadsheet would read this cell as a formula: " + row);
                if (cell.startsWith("'") && HOSTILE.stream().anyMatch(h -> cell.startsWith("'" + h))) {
                    hostileCells++;
                }
            }
        }
        assertTrue(
                rows.contains(List.of("feedGaps", "'=HYPERLINK(\"http://evil.example/\",\"click\").missing", "1")),
                "the hostile source is kept, neutralised, with its figure");
        assertTrue(rows.contains(List.of("feedGaps", "'-2+3.missing", "1")), "numbers-like text is text too");
        assertTrue(hostileCells >= HOSTILE.size() * 2, "each hostile source's missing count and ranges");
    }

    @Test
    void everyPageSendsTheSecurityHeaders() {
        String ops = TestTokens.bearer(Roles.OPS);
        for (Response page : List.of(
                given().get("/"),
                given().get("/dashboard.js"),
                given().header("Authorization", ops).get("/api/v1/reports/quarterly/2017-18-Q2"),
                given().header("Authorization", TestTokens.bearer(Roles.OPS)).get("/api/v1/metrics/summary"),
                given().get("/api/v1/metrics/summary"),
                given().get("/no-such-page"))) {
            page.then()
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Content-Security-Policy", containsString("script-src 'self'"))
                    .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("Referrer-Policy", equalTo("no-referrer"));
        }
        given().get("/").then().statusCode(200).contentType(containsString("text/html"));
        // Quarkus's own pages (Swagger UI runs inline script) may not be framed either
        given().get("/q/swagger-ui/")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", equalTo("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
    }

    private static boolean isNumber(String cell) {
        try {
            Double.parseDouble(cell);
            return !cell.startsWith("+") && Character.isDigit(cell.charAt(cell.length() - 1));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** RFC 4180: quoted cells may hold commas, quotes (doubled) and line breaks. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        return rows;
    }
}

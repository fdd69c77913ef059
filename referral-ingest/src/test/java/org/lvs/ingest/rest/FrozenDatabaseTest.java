package org.lvs.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;

/**
 * Issue 10, item 1 (socket timeout): a frozen database (its processes stopped with SIGSTOP: no answer at all, not
 * even to statement_timeout) gives a 503 with Retry-After at the edge, not a blocked thread. Only the backends of
 * this test's own database are frozen, so nothing else on the shared server is touched. The client gives up after
 * 60 s: without ingest's 10 s socket timeout (the commons default is 90 s) the request would still be hanging.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class FrozenDatabaseTest {

    static Response post(ObjectNode referral, int clientTimeoutMillis) {
        return given().config(RestAssured.config()
                        .httpClient(HttpClientConfig.httpClientConfig()
                                .setParam("http.socket.timeout", clientTimeoutMillis)
                                .setParam("http.connection.timeout", clientTimeoutMillis)))
                .header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .contentType(ContentType.JSON)
                .body(referral.toString())
                .post("/api/v1/referrals");
    }

    @Test
    void aFrozenDatabaseIsA503WithRetryAfterAndTheSameRequestSucceedsOnceItThaws() throws Exception {
        post(Referrals.valid("ADT", Referrals.newReference()), 60_000).then().statusCode(202); // connections pooled
        ObjectNode referral = Referrals.valid("ADT", Referrals.newReference());
        try (Connection c = Referrals.db();
                Statement s = c.createStatement()) {
            List<String> backends = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                    + "AND backend_type = 'client backend' AND pid <> pg_backend_pid()")) {
                while (rs.next()) {
                    backends.add(rs.getString(1));
                }
            }
            signal("-STOP", backends);
            try {
                post(referral, 60_000)
                        .then()
                        .statusCode(503)
                        .contentType("application/problem+json")
                        .header("Retry-After", notNullValue());
            } finally {
                signal("-CONT", backends);
                for (String pid : backends) {
                    s.execute("SELECT pg_terminate_backend(" + Integer.parseInt(pid) + ")");
                }
            }
        }
        // Broken pooled connections may still answer 503 once each; the same request then goes through.
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> post(referral, 60_000).statusCode() == 202);
    }

    static void signal(String signal, List<String> pids) throws Exception {
        if (pids.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", signal));
        command.addAll(pids);
        Process kill = new ProcessBuilder(command).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill " + signal + " failed (this test needs to signal PostgreSQL)");
        }
    }
}

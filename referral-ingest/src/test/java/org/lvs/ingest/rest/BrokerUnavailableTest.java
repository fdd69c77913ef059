package org.lvs.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;

/**
 * The broker does not answer: this profile points the publisher at a port where no broker listens (the shared test
 * broker keeps running for every other test). The service must answer 503 with Retry-After and mark nothing as
 * published, so a retry publishes it once the broker is back (see DatabaseUnavailableTest for the retry itself).
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
@TestProfile(BrokerUnavailableTest.NoBroker.class)
class BrokerUnavailableTest {

    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    // Above the test resource's ordinal, so this broker address wins over the real one.
                    "config_ordinal", "1000",
                    "kafka.bootstrap.servers", "127.0.0.1:" + closedPort(),
                    "lvs.publish.timeout", "2s",
                    "lvs.publish.max-block", "2s",
                    "lvs.outbox.enabled", "false");
        }

        static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void brokerDownIs503WithRetryAfterAndNothingIsMarkedPublished() throws Exception {
        String ref = Referrals.newReference();
        ObjectNode referral = Referrals.valid("ADT", ref);
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .contentType(ContentType.JSON)
                .body(referral.toString())
                .post("/api/v1/referrals")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue());
        try (Connection c = Referrals.db();
                PreparedStatement s = c.prepareStatement("""
                SELECT count(*) FROM referral_version v JOIN referral r USING (referral_id)
                WHERE r.source_reference = ? AND v.published""")) {
            s.setString(1, ref);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertEquals(0, rs.getInt(1));
            }
        }
        ObjectNode batch = JsonNodeFactory.instance.objectNode().put("source", "ADT");
        batch.putArray("referrals").add(referral);
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .contentType(ContentType.JSON)
                .body(batch.toString())
                .post("/api/v1/referrals/batch")
                .then()
                .statusCode(503)
                .header("Retry-After", notNullValue());
    }
}

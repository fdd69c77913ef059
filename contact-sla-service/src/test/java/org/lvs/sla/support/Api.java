package org.lvs.sla.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.lvs.contract.Roles;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;

/** REST and database helpers for the @QuarkusTests. */
public final class Api {

    public static final String CASES = "/api/v1/cases/";

    private Api() {}

    public static String handler() {
        return TestTokens.bearer(Roles.CASE_HANDLER);
    }

    public static String admin() {
        return TestTokens.bearer(Roles.ADMIN);
    }

    /** Waits until the case exists (the decision travelled through Kafka) and returns it. */
    public static JsonPath awaitCase(UUID id) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> get(id).statusCode() == 200);
        return get(id).jsonPath();
    }

    public static Response get(UUID id) {
        return given().header("Authorization", handler()).get(CASES + id);
    }

    public static Response post(UUID id, String action, String token, String json) {
        return given().header("Authorization", token)
                .contentType(ContentType.JSON)
                .body(json)
                .post(CASES + id + "/" + action);
    }

    /**
     * How many events of a type the case published on cases.events (the relay deletes published outbox rows, so the
     * topic is where they are counted; see {@link CaseEvents}).
     */
    public static int eventCount(UUID id, String type) {
        return CaseEvents.count(id, type);
    }

    public static int count(String sql, String... args) {
        try (Connection c = LvsTestResources.connection();
                PreparedStatement ps = prepared(c, sql, args)) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one statement on a connection of its own (the database's default search_path, not the service's). */
    public static void update(String sql, String... args) {
        try (Connection c = LvsTestResources.connection();
                PreparedStatement ps = prepared(c, sql, args)) {
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row, as text (null when there is no row). */
    public static String text(String sql, String... args) {
        try (Connection c = LvsTestResources.connection();
                PreparedStatement ps = prepared(c, sql, args)) {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String at(Instant instant) {
        return instant.toString();
    }

    /** The statement with its arguments bound in order, as text. */
    private static PreparedStatement prepared(Connection c, String sql, String... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setString(i + 1, args[i]);
        }
        return ps;
    }
}

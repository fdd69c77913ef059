package org.lvs.ingest.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.lvs.contract.event.EventJson;
import org.lvs.infra.test.LvsTestResources;

/** Test referrals and direct reads of ingest's tables. */
final class Referrals {

    private Referrals() {}

    static String newReference() {
        return "T-" + UUID.randomUUID();
    }

    /** A complete, valid referral with personal data and consent. */
    static ObjectNode valid(String source, String reference) {
        try {
            ObjectNode node = (ObjectNode) EventJson.mapper().readTree("""
                    {"source":"ADT","sourceReference":"X","version":1,
                     "recordedAt":"2017-08-14T09:30:00+01:00","receivedAt":null,"area":"CENTRAL",
                     "crime":{"category":"HATE_CRIME","hateStrands":["RELIGION"],"description":"Shouted at near the mosque"},
                     "victim":{"personRef":"P-778812","firstName":"Amina","lastName":"Khatun-Example","dateOfBirth":"1990-05-02",
                       "age":null,"gender":"FEMALE","phone":"07700 900123","email":"amina@example.org",
                       "address":{"line1":"1 Example Street","town":"Preston","postcode":"PR1 2AB"},
                       "preferredContact":"PHONE","vulnerabilities":["INTIMIDATED"]},
                     "consent":"EXPLICIT","riskLevel":null,"safeguarding":{"unsafeToContact":false,"reason":null},
                     "howHeard":null}""");
            node.put("source", source);
            node.put("sourceReference", reference);
            node.put("recordedAt", Instant.now().minus(1, ChronoUnit.HOURS).toString());
            return node;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Connection db() throws SQLException {
        Connection c = LvsTestResources.connection();
        try (Statement s = c.createStatement()) {
            s.execute("SET search_path TO ingest");
        }
        return c;
    }

    /** Forgets every self-referral rate-limit window (the count lives in the database, shared by instances). */
    static void clearSelfReferralLimits() {
        update("DELETE FROM ingest.self_referral_bucket");
    }

    static int update(String sql, Object... params) {
        try (Connection c = db();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row, or null. */
    static Object queryOne(String sql, Object... params) {
        try (Connection c = db();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(String sql, Object... params) {
        Object n = queryOne(sql, params);
        return n == null ? 0 : ((Number) n).longValue();
    }

    /** Every row of every table in schema ingest, as text: to prove no personal data is stored. */
    static String dumpIngestSchema() throws SQLException {
        return dumpIngestSchema(Set.of());
    }

    /** The same, leaving out some tables. */
    static String dumpIngestSchema(Set<String> except) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = db();
                Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs =
                    s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'ingest'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            tables.removeAll(except);
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM ingest.\"" + table + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        out.append(table).append(':');
                        for (int i = 1; i <= columns; i++) {
                            out.append(rs.getString(i)).append('|');
                        }
                        out.append('\n');
                    }
                }
            }
        }
        return out.toString();
    }
}

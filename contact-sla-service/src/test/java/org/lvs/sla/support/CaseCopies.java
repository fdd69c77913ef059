package org.lvs.sla.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** Copies of a case under fresh ids, for tests that need a full page or a long list without driving each case in. */
public final class CaseCopies {

    private CaseCopies() {}

    /**
     * Inserts {@code copies} copies of the case on {@code connection}: committed at once on a connection that commits
     * each statement, or with the caller's transaction on one that is in a transaction.
     */
    public static void insert(Connection connection, UUID id, int copies) throws SQLException {
        try (PreparedStatement copy = connection.prepareStatement("create temp table case_copy as"
                        + " select c.* from sla.sla_case c, generate_series(1, ?) where c.referral_id = ?");
                Statement s = connection.createStatement()) {
            copy.setInt(1, copies);
            copy.setObject(2, id);
            copy.executeUpdate();
            s.executeUpdate("update case_copy set referral_id = gen_random_uuid()");
            s.executeUpdate("insert into sla.sla_case select * from case_copy");
            s.executeUpdate("drop table case_copy");
        }
    }
}

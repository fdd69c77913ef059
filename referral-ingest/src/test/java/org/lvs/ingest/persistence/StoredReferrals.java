package org.lvs.ingest.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Test data of the persistence tests: each test's referrals carry a source reference prefix of their own. */
final class StoredReferrals {

    private StoredReferrals() {}

    /** Deletes the referrals whose source reference starts with {@code prefix}, and their versions. */
    static void deleteWithPrefix(DataSource dataSource, String prefix) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement versions = c.prepareStatement("DELETE FROM referral_version WHERE referral_id IN "
                        + "(SELECT referral_id FROM referral WHERE source_reference LIKE ? || '%')");
                PreparedStatement referrals =
                        c.prepareStatement("DELETE FROM referral WHERE source_reference LIKE ? || '%'")) {
            versions.setString(1, prefix);
            versions.executeUpdate();
            referrals.setString(1, prefix);
            referrals.executeUpdate();
        }
    }
}

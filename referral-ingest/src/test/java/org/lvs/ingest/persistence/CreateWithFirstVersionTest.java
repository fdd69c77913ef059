package org.lvs.ingest.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lvs.infra.test.LvsTestResources;

/**
 * A new referral is created together with its first version (one statement); an existing one is locked and loaded,
 * and the first version offered with its key is not stored.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class CreateWithFirstVersionTest {

    private static final String PREFIX = "FIRST-VERSION-";
    // content hashes are SHA-256 in hex, stored as char(64)
    private static final String HASH_A = "a".repeat(64);
    private static final String HASH_1 = "1".repeat(64);
    private static final String HASH_2 = "2".repeat(64);

    @Inject
    ReferralStore store;

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void removeTheRows() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DELETE FROM referral_version WHERE referral_id IN "
                    + "(SELECT referral_id FROM referral WHERE source_reference LIKE '" + PREFIX + "%')");
            s.execute("DELETE FROM referral WHERE source_reference LIKE '" + PREFIX + "%'");
        }
    }

    @Test
    void aNewReferralIsStoredWithItsFirstVersionUnpublished() throws SQLException {
        Instant received = Instant.now().truncatedTo(ChronoUnit.MICROS);
        NewVersion first = new NewVersion(UUID.randomUUID(), 3, HASH_A, received, "ACCEPTED");
        IdentityKey key = new IdentityKey("ADT", PREFIX + "new", first);

        ReferralIdentity identity = QuarkusTransaction.requiringNew()
                .call(() -> store.createOrLock(List.of(key)))
                .get(ReferralStore.key("ADT", PREFIX + "new"));

        assertTrue(identity.created(), "created by this transaction");
        assertEquals(first.referralId(), identity.referralId());
        assertEquals(received, identity.firstReceivedAt());
        assertEquals(List.of(new VersionRow(3, HASH_A, received, "ACCEPTED", false)), identity.versions());
        assertEquals(List.of(new VersionRow(3, HASH_A, received, "ACCEPTED", false)), storedVersions(PREFIX + "new"));
    }

    @Test
    void anExistingReferralIsLoadedAndTheOfferedFirstVersionIsNotStored() throws SQLException {
        Instant received = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew()
                .run(() -> store.createOrLock(List.of(
                        new IdentityKey("ADT", PREFIX + "old", new NewVersion(id, 1, HASH_1, received, "ACCEPTED")))));

        Map<String, ReferralIdentity> again = QuarkusTransaction.requiringNew()
                .call(() -> store.createOrLock(List.of(new IdentityKey(
                        "ADT",
                        PREFIX + "old",
                        new NewVersion(UUID.randomUUID(), 2, HASH_2, received.plusSeconds(5), "ACCEPTED")))));

        ReferralIdentity identity = again.get(ReferralStore.key("ADT", PREFIX + "old"));
        assertFalse(identity.created(), "found, not created");
        assertEquals(id, identity.referralId(), "the referral keeps its id");
        assertEquals(received, identity.firstReceivedAt());
        assertEquals(List.of(new VersionRow(1, HASH_1, received, "ACCEPTED", false)), identity.versions());
        assertEquals(
                List.of(new VersionRow(1, HASH_1, received, "ACCEPTED", false)),
                storedVersions(PREFIX + "old"),
                "version 2 is the caller's to decide and store, not createOrLock's");
    }

    @Test
    void createOnItsOwnStoresTheNewReferralsAndLeavesTheExistingOnesAlone() throws SQLException {
        Instant received = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID existing = UUID.randomUUID();
        store.create(List.of(
                new IdentityKey("ADT", PREFIX + "there", new NewVersion(existing, 1, HASH_1, received, "ACCEPTED"))));

        // no transaction around it: the statement commits on its own
        Map<String, ReferralIdentity> created = store.create(List.of(
                new IdentityKey(
                        "ADT",
                        PREFIX + "there",
                        new NewVersion(UUID.randomUUID(), 2, HASH_2, received.plusSeconds(5), "ACCEPTED")),
                new IdentityKey(
                        "ADT", PREFIX + "fresh", new NewVersion(UUID.randomUUID(), 1, HASH_A, received, "ACCEPTED"))));

        assertEquals(List.of(ReferralStore.key("ADT", PREFIX + "fresh")), List.copyOf(created.keySet()));
        assertTrue(created.get(ReferralStore.key("ADT", PREFIX + "fresh")).created());
        assertEquals(List.of(new VersionRow(1, HASH_A, received, "ACCEPTED", false)), storedVersions(PREFIX + "fresh"));
        assertEquals(
                List.of(new VersionRow(1, HASH_1, received, "ACCEPTED", false)),
                storedVersions(PREFIX + "there"),
                "the existing referral keeps its one version");
    }

    @Test
    void publishedMarksNeedNoSurroundingTransaction() throws SQLException {
        Instant received = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew()
                .run(() -> store.createOrLock(List.of(
                        new IdentityKey("ADT", PREFIX + "mark", new NewVersion(id, 1, HASH_1, received, "ACCEPTED")))));

        store.markPublished(List.of(id), List.of(1), received.plusSeconds(1));

        assertEquals(List.of(new VersionRow(1, HASH_1, received, "ACCEPTED", true)), storedVersions(PREFIX + "mark"));
    }

    private List<VersionRow> storedVersions(String sourceReference) throws SQLException {
        List<VersionRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement read = c.prepareStatement("""
                        SELECT v.version, v.content_hash, v.received_at, v.status, v.published
                        FROM referral_version v JOIN referral r USING (referral_id)
                        WHERE r.source_reference = ? ORDER BY v.version""")) {
            read.setString(1, sourceReference);
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    rows.add(new VersionRow(
                            rs.getInt(1),
                            rs.getString(2),
                            rs.getObject(3, java.time.OffsetDateTime.class)
                                    .atZoneSameInstant(ZoneOffset.UTC)
                                    .toInstant(),
                            rs.getString(4),
                            rs.getBoolean(5)));
                }
            }
        }
        return rows;
    }
}

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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lvs.infra.test.LvsTestResources;

/**
 * A new referral is created together with its first version by one statement, in a transaction or on its own; an
 * existing one is found (and, in {@code createOrLock}, locked and loaded), and the first version offered with its key
 * is not stored.
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

    private final Instant received = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @AfterEach
    void removeTheRows() throws SQLException {
        StoredReferrals.deleteWithPrefix(dataSource, PREFIX);
    }

    @Test
    void aNewReferralIsStoredWithItsFirstVersionUnpublished() throws SQLException {
        UUID id = UUID.randomUUID();

        ReferralIdentity identity = QuarkusTransaction.requiringNew()
                .call(() -> store.createOrLock(List.of(key("new", id, 3, HASH_A, received))))
                .get(ReferralStore.key("ADT", PREFIX + "new"));

        assertTrue(identity.created(), "created by this transaction");
        assertEquals(id, identity.referralId());
        assertEquals(received, identity.firstReceivedAt());
        assertEquals(List.of(unpublished(3, HASH_A)), identity.versions());
        assertEquals(List.of(unpublished(3, HASH_A)), storedVersions("new"));
    }

    @Test
    void anExistingReferralIsLoadedAndTheOfferedFirstVersionIsNotStored() throws SQLException {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> store.createOrLock(List.of(key("old", id, 1, HASH_1, received))));

        Map<String, ReferralIdentity> again = QuarkusTransaction.requiringNew()
                .call(() ->
                        store.createOrLock(List.of(key("old", UUID.randomUUID(), 2, HASH_2, received.plusSeconds(5)))));

        ReferralIdentity identity = again.get(ReferralStore.key("ADT", PREFIX + "old"));
        assertFalse(identity.created(), "found, not created");
        assertEquals(id, identity.referralId(), "the referral keeps its id");
        assertEquals(received, identity.firstReceivedAt());
        assertEquals(List.of(unpublished(1, HASH_1)), identity.versions());
        assertEquals(
                List.of(unpublished(1, HASH_1)),
                storedVersions("old"),
                "version 2 is the caller's to decide and store, not createOrLock's");
    }

    @Test
    void createOnItsOwnStoresTheNewReferralsAndLeavesTheExistingOnesAlone() throws SQLException {
        // no transaction around either call: each statement commits on its own
        store.create(List.of(key("there", UUID.randomUUID(), 1, HASH_1, received)));

        Map<String, ReferralIdentity> created = store.create(List.of(
                key("there", UUID.randomUUID(), 2, HASH_2, received.plusSeconds(5)),
                key("fresh", UUID.randomUUID(), 1, HASH_A, received)));

        assertEquals(List.of(ReferralStore.key("ADT", PREFIX + "fresh")), List.copyOf(created.keySet()));
        assertTrue(created.get(ReferralStore.key("ADT", PREFIX + "fresh")).created());
        assertEquals(List.of(unpublished(1, HASH_A)), storedVersions("fresh"));
        assertEquals(List.of(unpublished(1, HASH_1)), storedVersions("there"), "the existing one keeps its version");
    }

    @Test
    void publishedMarksNeedNoSurroundingTransaction() throws SQLException {
        UUID id = UUID.randomUUID();
        store.create(List.of(key("mark", id, 1, HASH_1, received)));

        store.markPublished(List.of(id), List.of(1), received.plusSeconds(1));

        assertEquals(List.of(new VersionRow(1, HASH_1, received, "ACCEPTED", true)), storedVersions("mark"));
    }

    private static IdentityKey key(String reference, UUID newId, int version, String hash, Instant receivedAt) {
        return new IdentityKey("ADT", PREFIX + reference, new NewVersion(newId, version, hash, receivedAt, "ACCEPTED"));
    }

    private VersionRow unpublished(int version, String hash) {
        return new VersionRow(version, hash, received, "ACCEPTED", false);
    }

    private List<VersionRow> storedVersions(String reference) throws SQLException {
        List<VersionRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement read = c.prepareStatement("""
                        SELECT v.version, v.content_hash, v.received_at, v.status, v.published
                        FROM referral_version v JOIN referral r USING (referral_id)
                        WHERE r.source_reference = ? ORDER BY v.version""")) {
            read.setString(1, PREFIX + reference);
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    rows.add(new VersionRow(
                            rs.getInt(1),
                            rs.getString(2),
                            rs.getObject(3, OffsetDateTime.class).toInstant(),
                            rs.getString(4),
                            rs.getBoolean(5)));
                }
            }
        }
        return rows;
    }
}

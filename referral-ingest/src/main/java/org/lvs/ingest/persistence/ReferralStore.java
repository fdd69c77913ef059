package org.lvs.ingest.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Referral identities and version fingerprints in PostgreSQL (schema {@code ingest}), with set-based statements
 * ({@code unnest} of arrays) so a batch of 10,000 records costs a handful of round trips. Runs inside the caller's
 * transaction. No personal data is ever written here.
 */
@ApplicationScoped
public class ReferralStore {

    static final String MARK_PUBLISHED = """
            UPDATE referral_version v SET published = true, published_at = coalesce(v.published_at, ?::timestamptz)
            FROM unnest(?::text[], ?::int[]) AS k(id, ver)
            WHERE v.referral_id = k.id::uuid AND v.version = k.ver""";

    /**
     * The new keys' referrals and their first versions (received, not yet published). The version's received time is
     * the referral's first received time.
     */
    static final String CREATE_WITH_FIRST_VERSION = """
            WITH k AS (
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[])
                    AS k(id, s, r, t, v, h, status)),
            created AS (
                INSERT INTO referral (referral_id, source, source_reference, first_received_at)
                SELECT id::uuid, s, r, t::timestamptz FROM k
                ON CONFLICT (source, source_reference) DO NOTHING
                RETURNING referral_id, source, source_reference, first_received_at),
            first_version AS (
                INSERT INTO referral_version (referral_id, version, content_hash, received_at, status, published)
                SELECT c.referral_id, k.v, k.h, c.first_received_at, k.status, false
                FROM created c JOIN k ON k.s = c.source AND k.r = c.source_reference)
            SELECT referral_id, source, source_reference, first_received_at FROM created""";

    private final AgroalDataSource dataSource;

    ReferralStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Creates the keys that are new together with their first version, in one statement that commits on its own when
     * there is no transaction: a new referral needs no lock, since its first version is all it holds. Keys that exist
     * are left alone (INSERT ... ON CONFLICT DO NOTHING) and not returned; a key another request is creating at the
     * same time waits for that statement and is then left alone too.
     *
     * @return the created keys, by {@link #key(String, String)}
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, ReferralIdentity> create(Collection<IdentityKey> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        try (Connection c = dataSource.getConnection()) {
            return createWithFirstVersion(c, keys);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * Creates the keys that are new together with their first version (INSERT ... ON CONFLICT DO NOTHING: race-safe,
     * no read-then-write), then locks every existing key's row for the rest of the transaction, so two requests for one
     * referral are decided one after the other, and loads their versions.
     *
     * @return by {@link #key(String, String)}
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, ReferralIdentity> createOrLock(Collection<IdentityKey> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        try (Connection c = dataSource.getConnection()) {
            // New keys come back from RETURNING: our uncommitted insert already holds them against any other
            // transaction.
            Map<String, ReferralIdentity> found = createWithFirstVersion(c, keys);
            List<String> oldSources = new ArrayList<>(), oldRefs = new ArrayList<>();
            for (IdentityKey k : keys) {
                if (!found.containsKey(key(k.source(), k.sourceReference()))) {
                    oldSources.add(k.source());
                    oldRefs.add(k.sourceReference());
                }
            }
            if (oldSources.isEmpty()) {
                return found;
            }
            // Keys that existed: lock their rows for the rest of the transaction (one request per referral at a
            // time), in a fixed order so two batches cannot deadlock, and load their versions.
            Map<UUID, List<VersionRow>> versions = new HashMap<>();
            try (PreparedStatement lock = c.prepareStatement("""
                    SELECT r.referral_id, r.source, r.source_reference, r.first_received_at
                    FROM referral r JOIN unnest(?::text[], ?::text[]) AS k(s, ref)
                      ON r.source = k.s AND r.source_reference = k.ref
                    ORDER BY r.referral_id
                    FOR UPDATE OF r""")) {
                lock.setArray(1, texts(c, oldSources));
                lock.setArray(2, texts(c, oldRefs));
                try (ResultSet rs = lock.executeQuery()) {
                    while (rs.next()) {
                        UUID id = rs.getObject(1, UUID.class);
                        List<VersionRow> list = new ArrayList<>();
                        versions.put(id, list);
                        found.put(
                                key(rs.getString(2), rs.getString(3)),
                                new ReferralIdentity(
                                        id, rs.getString(2), rs.getString(3), instant(rs, 4), list, false));
                    }
                }
            }
            loadVersions(c, versions);
            return found;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Records versions as received but not yet published. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insertVersions(List<NewVersion> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(),
                hashes = new ArrayList<>(),
                times = new ArrayList<>(),
                statuses = new ArrayList<>();
        List<Integer> versions = new ArrayList<>();
        for (NewVersion v : rows) {
            ids.add(v.referralId().toString());
            versions.add(v.version());
            hashes.add(v.contentHash());
            times.add(v.receivedAt().toString());
            statuses.add(v.status());
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("""
                INSERT INTO referral_version (referral_id, version, content_hash, received_at, status, published)
                SELECT id::uuid, v, h, t::timestamptz, s, false
                FROM unnest(?::text[], ?::int[], ?::text[], ?::text[], ?::text[]) AS k(id, v, h, t, s)
                ON CONFLICT (referral_id, version) DO NOTHING""")) {
            insert.setArray(1, texts(c, ids));
            insert.setArray(2, c.createArrayOf("int4", versions.toArray()));
            insert.setArray(3, texts(c, hashes));
            insert.setArray(4, texts(c, times));
            insert.setArray(5, texts(c, statuses));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * Marks versions whose publication the broker acknowledged; a version already marked keeps its first time.
     *
     * <p>No {@code NOT published} in the WHERE clause: almost every stored version is published, so once the table was
     * analysed the planner estimated one unpublished row, read the whole table in a nested loop against the batch's
     * ids and took 4-8 s a batch at 60,000 to 120,000 versions (past the 8 s statement timeout: 503s under load). Joined on the
     * primary key alone, the plan is an index probe per id or one hash join, whatever the statistics say.
     *
     * <p>In the caller's transaction if there is one, else a statement that commits on its own.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void markPublished(List<UUID> referralIds, List<Integer> versions, Instant at) {
        if (referralIds.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement(MARK_PUBLISHED)) {
            update.setString(1, at.toString());
            update.setArray(2, texts(c, referralIds.stream().map(UUID::toString).toList()));
            update.setArray(3, c.createArrayOf("int4", versions.toArray()));
            update.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Remembers feed numbers (any result); numbers already seen are ignored. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordFeedSequences(Collection<FeedSeq> seqs) {
        if (seqs.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("""
                INSERT INTO feed_sequence (source, seq)
                SELECT s, n FROM unnest(?::text[], ?::int8[]) AS k(s, n)
                ON CONFLICT DO NOTHING""")) {
            insert.setArray(1, texts(c, seqs.stream().map(FeedSeq::source).toList()));
            insert.setArray(
                    2, c.createArrayOf("int8", seqs.stream().map(FeedSeq::seq).toArray()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** The feed numbers between the lowest and highest seen that never arrived, as inclusive ranges. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<long[]> feedGaps(String source) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("""
                SELECT seq + 1, next - 1 FROM (
                    SELECT seq, lead(seq) OVER (ORDER BY seq) AS next FROM feed_sequence WHERE source = ?) s
                WHERE next > seq + 1 ORDER BY seq""")) {
            select.setString(1, source);
            List<long[]> gaps = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    gaps.add(new long[] {rs.getLong(1), rs.getLong(2)});
                }
            }
            return gaps;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** The lowest and highest feed number seen for a source, or empty when none. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<long[]> feedBounds(String source) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select =
                        c.prepareStatement("SELECT min(seq), max(seq), count(*) FROM feed_sequence WHERE source = ?")) {
            select.setString(1, source);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                long count = rs.getLong(3);
                return count == 0 ? Optional.empty() : Optional.of(new long[] {rs.getLong(1), rs.getLong(2), count});
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ReferralIdentity> find(UUID referralId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "SELECT source, source_reference, first_received_at FROM referral WHERE referral_id = ?")) {
            select.setObject(1, referralId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<VersionRow> list = new ArrayList<>();
                ReferralIdentity identity =
                        new ReferralIdentity(referralId, rs.getString(1), rs.getString(2), instant(rs, 3), list, false);
                loadVersions(c, Map.of(referralId, list));
                return Optional.of(identity);
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * Erasure: forgets the content hash of every version of these referrals (a hash of the whole referral could
     * confirm a guess of the victim's details). The identity row stays, so a later amendment lands on the same
     * referralId. Idempotent.
     *
     * @return how many versions lost their hash
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int eraseContentHashes(Collection<UUID> referralIds) {
        if (referralIds.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement("""
                UPDATE referral_version SET content_hash = NULL
                WHERE referral_id = ANY (?::uuid[]) AND content_hash IS NOT NULL""")) {
            update.setArray(1, texts(c, referralIds.stream().map(UUID::toString).toList()));
            return update.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    public static String key(String source, String sourceReference) {
        return source + '\u0000' + sourceReference;
    }

    /**
     * One statement: the new keys' referrals and their first versions (the foreign key is checked at its end).
     */
    private static Map<String, ReferralIdentity> createWithFirstVersion(Connection c, Collection<IdentityKey> keys)
            throws SQLException {
        List<String> ids = new ArrayList<>(),
                sources = new ArrayList<>(),
                refs = new ArrayList<>(),
                times = new ArrayList<>(),
                hashes = new ArrayList<>(),
                statuses = new ArrayList<>();
        List<Integer> firstVersions = new ArrayList<>();
        Map<String, NewVersion> firsts = new HashMap<>();
        for (IdentityKey k : keys) {
            NewVersion first = k.first();
            ids.add(first.referralId().toString());
            sources.add(k.source());
            refs.add(k.sourceReference());
            times.add(first.receivedAt().toString());
            firstVersions.add(first.version());
            hashes.add(first.contentHash());
            statuses.add(first.status());
            firsts.put(key(k.source(), k.sourceReference()), first);
        }
        Map<String, ReferralIdentity> created = new LinkedHashMap<>();
        try (PreparedStatement insert = c.prepareStatement(CREATE_WITH_FIRST_VERSION)) {
            insert.setArray(1, texts(c, ids));
            insert.setArray(2, texts(c, sources));
            insert.setArray(3, texts(c, refs));
            insert.setArray(4, texts(c, times));
            insert.setArray(5, c.createArrayOf("int4", firstVersions.toArray()));
            insert.setArray(6, texts(c, hashes));
            insert.setArray(7, texts(c, statuses));
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    String key = key(rs.getString(2), rs.getString(3));
                    NewVersion first = firsts.get(key);
                    List<VersionRow> stored = new ArrayList<>(List.of(new VersionRow(
                            first.version(), first.contentHash(), instant(rs, 4), first.status(), false)));
                    created.put(
                            key,
                            new ReferralIdentity(
                                    rs.getObject(1, UUID.class),
                                    rs.getString(2),
                                    rs.getString(3),
                                    instant(rs, 4),
                                    stored,
                                    true));
                }
            }
        }
        return created;
    }

    private static void loadVersions(Connection c, Map<UUID, List<VersionRow>> into) throws SQLException {
        if (into.isEmpty()) {
            return;
        }
        try (PreparedStatement select = c.prepareStatement("""
                SELECT referral_id, version, content_hash, received_at, status, published
                FROM referral_version WHERE referral_id = ANY (?::uuid[]) ORDER BY referral_id, version""")) {
            select.setArray(
                    1, texts(c, into.keySet().stream().map(UUID::toString).toList()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    into.get(rs.getObject(1, UUID.class))
                            .add(new VersionRow(
                                    rs.getInt(2), rs.getString(3), instant(rs, 4), rs.getString(5), rs.getBoolean(6)));
                }
            }
        }
    }

    private static Array texts(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray());
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static StoreUnavailableException unavailable(SQLException e) {
        return StoreUnavailableException.of(e);
    }
}

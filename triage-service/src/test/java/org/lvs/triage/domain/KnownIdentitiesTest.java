package org.lvs.triage.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The in-memory view of stored identities answers and changes like the database does for one-by-one decisions. */
class KnownIdentitiesTest {

    private static final Instant T = Instant.parse("2017-09-01T08:00:00Z");
    private static final Duration YEAR = Duration.ofDays(365);
    private static final VictimIdentity A = new VictimIdentity("a".repeat(64), "b".repeat(64));
    private static final VictimIdentity ONLY_NAME_B = new VictimIdentity(null, "b".repeat(64));
    private static final VictimIdentity C = new VictimIdentity("c".repeat(64), null);

    private static KnownIdentities.Known known(UUID id, int version, Instant recordedAt, VictimIdentity identity) {
        return new KnownIdentities.Known(id, version, "ADT", "REF-" + id, recordedAt, identity);
    }

    @Test
    void matchesEitherHashWithinTheWindowNeverItself() {
        UUID self = UUID.randomUUID();
        UUID byName = UUID.randomUUID();
        UUID tooOld = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        KnownIdentities known = new KnownIdentities(List.of(
                known(self, 1, T.minusSeconds(5), A),
                known(byName, 1, T.minusSeconds(10), ONLY_NAME_B),
                known(tooOld, 1, T.minus(YEAR), A),
                known(other, 1, T.minusSeconds(1), C)));

        List<EarlierReferral> found = known.matching(A, self, T.minus(YEAR), T);

        assertEquals(
                List.of(byName),
                found.stream().map(EarlierReferral::referralId).toList(),
                "the window is (from, to]: recorded exactly a year before does not count");
    }

    @Test
    void aRecordedReferralIsSeenByTheNextAndOrderedLikeTheDatabase() {
        KnownIdentities known = new KnownIdentities(List.of());
        UUID first = UUID.fromString("ffffffff-0000-0000-0000-000000000000"); // negative in Java's signed order
        UUID second = UUID.fromString("00000000-0000-0000-0000-000000000001");
        known.record(first, 1, "ADT", "R1", T, A);
        known.record(second, 1, "ADT", "R2", T, A);

        List<EarlierReferral> found = known.matching(A, UUID.randomUUID(), T.minus(YEAR), T);

        assertEquals(
                List.of(second, first),
                found.stream().map(EarlierReferral::referralId).toList(),
                "PostgreSQL compares UUIDs as unsigned bytes");
        assertEquals(2, known.toKeep().size());
    }

    @Test
    void aVersionWithoutIdentityRemovesTheRowAndANewerOneBringsItBack() {
        UUID id = UUID.randomUUID();
        KnownIdentities known = new KnownIdentities(List.of(known(id, 1, T, A)));

        known.record(id, 2, "ADT", "R", T, VictimIdentity.NONE);
        assertTrue(known.matching(A, UUID.randomUUID(), T.minus(YEAR), T).isEmpty());
        assertEquals(List.of(id), known.toRemove());

        known.record(id, 3, "ADT", "R", T, C);
        assertTrue(known.matching(A, UUID.randomUUID(), T.minus(YEAR), T).isEmpty(), "the old hashes are gone");
        assertEquals(1, known.matching(C, UUID.randomUUID(), T.minus(YEAR), T).size());
        assertEquals(List.of(), known.toRemove());
        assertEquals(3, known.toKeep().get(0).version());
    }

    @Test
    void anOlderVersionNeverReplacesANewerIdentity() {
        UUID id = UUID.randomUUID();
        KnownIdentities known = new KnownIdentities(List.of(known(id, 2, T, A)));

        known.record(id, 1, "ADT", "R", T, C);

        assertEquals(1, known.matching(A, UUID.randomUUID(), T.minus(YEAR), T).size());
        assertTrue(known.toKeep().isEmpty());
    }

    @Test
    void instantsAreComparedAtTheDatabasesMicrosecondPrecision() {
        UUID id = UUID.randomUUID();
        KnownIdentities known = new KnownIdentities(List.of());
        known.record(id, 1, "ADT", "R", T.plusNanos(400), A); // stored as T

        assertEquals(1, known.matching(A, UUID.randomUUID(), T.minus(YEAR), T).size());
        assertTrue(
                known.matching(A, UUID.randomUUID(), T.plusNanos(300), T.plusSeconds(1))
                        .isEmpty(),
                "from rounds to T too, and the window excludes its start");
    }
}

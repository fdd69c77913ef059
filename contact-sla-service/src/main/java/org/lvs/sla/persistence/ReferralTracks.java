package org.lvs.sla.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.lvs.commons.jdbc.Sql;

/**
 * The referrals' version trackers, set-based (issue 14): the consumers lock a batch's trackers in one statement and
 * write back the ones that moved in one more, where Hibernate wrote one UPDATE per tracker and dirty-checked every
 * one it had loaded. Both consumers lock in referral id order, so their batches never deadlock.
 */
@ApplicationScoped
public class ReferralTracks {

    private final Sql sql;

    ReferralTracks(Sql sql) {
        this.sql = sql;
    }

    /** The trackers of these referrals, created when new and locked until the transaction ends, by referral id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<UUID, ReferralTrack> lock(Collection<UUID> referralIds) {
        Map<UUID, ReferralTrack> tracks = new HashMap<>();
        if (referralIds.isEmpty()) {
            return tracks;
        }
        UUID[] ids = new TreeSet<>(referralIds).toArray(UUID[]::new);
        sql.update(
                "insert into referral_track (referral_id) select id from unnest(?::uuid[]) as t(id) order by id "
                        + "on conflict do nothing",
                (Object) ids);
        sql.query(
                        "select referral_id, decision_version, decision_revision, received_version, erased "
                                + "from referral_track where referral_id = any(?) order by referral_id for update",
                        row -> new ReferralTrack(
                                Sql.uuid(row, "referral_id"),
                                row.getInt("decision_version"),
                                row.getInt("decision_revision"),
                                row.getInt("received_version"),
                                row.getBoolean("erased")),
                        (Object) ids)
                .forEach(t -> tracks.put(t.referralId(), t));
        return tracks;
    }

    /** Writes back the trackers that moved since {@link #lock}, in one statement; none moved, none written. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void saveMoved(Collection<ReferralTrack> tracks) {
        List<ReferralTrack> moved = tracks.stream().filter(ReferralTrack::moved).toList();
        if (moved.isEmpty()) {
            return;
        }
        sql.update(
                "update referral_track t set decision_version = m.dv, decision_revision = m.dr, "
                        + "received_version = m.rv, erased = m.er "
                        + "from unnest(?::uuid[], ?::int[], ?::int[], ?::int[], ?::boolean[]) as m(id, dv, dr, rv, er) "
                        + "where t.referral_id = m.id",
                moved.stream().map(ReferralTrack::referralId).toArray(UUID[]::new),
                moved.stream().map(ReferralTrack::decisionVersion).toArray(Integer[]::new),
                moved.stream().map(ReferralTrack::decisionRevision).toArray(Integer[]::new),
                moved.stream().map(ReferralTrack::receivedVersion).toArray(Integer[]::new),
                moved.stream().map(ReferralTrack::erased).toArray(Boolean[]::new));
    }

    /** Marks one referral's personal data erased for good (a handler's erasure), creating its tracker when new. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markErased(UUID referralId) {
        sql.update(
                "insert into referral_track (referral_id, erased) values (?, true) "
                        + "on conflict (referral_id) do update set erased = true",
                referralId);
    }
}

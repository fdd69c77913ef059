package org.lvs.triage.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.lvs.commons.jdbc.Sql;
import org.lvs.triage.domain.Erasure;

/** The referrals whose victim's personal data was erased (no personal data itself). */
@ApplicationScoped
public class ErasureRepository {

    private final Sql sql;

    ErasureRepository(Sql sql) {
        this.sql = sql;
    }

    /** Records the erasures inside the caller's transaction; the first of each referral counts. */
    public void record(List<Erasure> erasures) {
        sql.batch(
                "INSERT INTO erased_referral (referral_id, reason, erased_at) VALUES (?, ?, ?) "
                        + "ON CONFLICT (referral_id) DO NOTHING",
                erasures.stream()
                        .map(e -> new Object[] {e.referralId(), e.reason(), e.at()})
                        .toList());
    }

    /** Those of these referrals whose personal data was erased. */
    public Set<UUID> erasedAmong(Collection<UUID> referralIds) {
        if (referralIds.isEmpty()) {
            return new HashSet<>();
        }
        return new HashSet<>(sql.query(
                "SELECT referral_id FROM erased_referral WHERE referral_id = ANY (?)",
                r -> Sql.uuid(r, "referral_id"),
                referralIds));
    }
}

package org.lvs.metrics.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.lvs.contract.event.CaseEvent;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.IntakeRecorded;
import org.lvs.contract.event.ReferralDecided;
import org.lvs.contract.referral.AgeBand;
import org.lvs.contract.referral.HateStrand;

/**
 * Writes facts. Every write is keyed by what the event records, so applying an event twice changes nothing; callers
 * run inside the consumer's transaction.
 */
@ApplicationScoped
public class FactStore {

    /** The fact tables a rebuild empties (with this consumer's processed-event marks). */
    public static final List<String> FACT_TABLES = List.of("decision_fact", "referral_fact", "case_fact",
            "contact_fact", "service_event_fact", "outcome_fact", "intake_fact");

    @Inject
    Jdbc jdbc;

    public void recordDecision(ReferralDecided d) {
        // Decisions of one referral may be applied concurrently: serialise them, so each recomputation (a fresh
        // snapshot after the lock, READ COMMITTED) sees every version committed before it.
        jdbc.query("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", rs -> 1, d.referralId().toString());
        HateStrand firstHateStrand = d.crime() == null || d.crime().hateStrands().isEmpty()
                ? null : d.crime().hateStrands().get(0);
        String[] reasons = d.reasons().stream().map(r -> r.code().name()).toArray(String[]::new);
        jdbc.update("""
                INSERT INTO decision_fact (referral_id, version, source, source_reference, outcome, data_issue,
                    case_status, priority, strand, pathway, reasons, decided_at, received_at, first_received_at,
                    area, category, hate_strand, risk_level, age_band, gender, consent, how_heard)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                ON CONFLICT (referral_id, version) DO NOTHING""",
                d.referralId(), d.version(), d.source(), d.sourceReference(), d.outcome(), d.dataIssue(),
                d.caseStatus(), d.priority(), d.strand(), d.pathway(), reasons, d.decidedAt(), d.receivedAt(),
                d.firstReceivedAt(), d.area(), d.crime() == null ? null : d.crime().category(), firstHateStrand,
                d.riskLevel(), ageBand(d.ageBand()), d.gender(), d.consent(), d.howHeard());
        recomputeReferral(d);
    }

    /** Rebuilds the referral's row from all its decisions: latest by version, first by version, first receivedAt. */
    private void recomputeReferral(ReferralDecided d) {
        jdbc.update("""
                INSERT INTO referral_fact (referral_id, source, source_reference, first_received_at, first_version,
                    first_outcome, first_data_issue, first_issue_resolved, version, outcome, data_issue, priority,
                    strand, pathway, area, category, hate_strand, risk_level, age_band, gender, how_heard,
                    persistently_targeted)
                SELECT l.referral_id, l.source, l.source_reference,
                    (SELECT min(coalesce(x.first_received_at, x.received_at, x.decided_at))
                       FROM decision_fact x WHERE x.referral_id = l.referral_id),
                    f.version, f.outcome, f.data_issue,
                    EXISTS (SELECT 1 FROM decision_fact later
                             WHERE later.referral_id = f.referral_id AND later.version > f.version
                               AND later.outcome = 'CASE_OPENED'
                               AND (f.data_issue <> 'INSUFFICIENT_DATA' OR later.data_issue IS NULL)),
                    l.version, l.outcome, l.data_issue, l.priority, l.strand, l.pathway, l.area, l.category,
                    l.hate_strand, l.risk_level, l.age_band, l.gender, l.how_heard,
                    'PRIORITY_PERSISTENTLY_TARGETED' = ANY (l.reasons)
                FROM (SELECT * FROM decision_fact WHERE referral_id = ? ORDER BY version DESC LIMIT 1) l,
                     (SELECT * FROM decision_fact WHERE referral_id = ? ORDER BY version ASC LIMIT 1) f
                ON CONFLICT (referral_id) DO UPDATE SET
                    source = EXCLUDED.source, source_reference = EXCLUDED.source_reference,
                    first_received_at = EXCLUDED.first_received_at, first_version = EXCLUDED.first_version,
                    first_outcome = EXCLUDED.first_outcome, first_data_issue = EXCLUDED.first_data_issue,
                    first_issue_resolved = EXCLUDED.first_issue_resolved, version = EXCLUDED.version,
                    outcome = EXCLUDED.outcome, data_issue = EXCLUDED.data_issue, priority = EXCLUDED.priority,
                    strand = EXCLUDED.strand, pathway = EXCLUDED.pathway, area = EXCLUDED.area,
                    category = EXCLUDED.category, hate_strand = EXCLUDED.hate_strand,
                    risk_level = EXCLUDED.risk_level, age_band = EXCLUDED.age_band, gender = EXCLUDED.gender,
                    how_heard = EXCLUDED.how_heard, persistently_targeted = EXCLUDED.persistently_targeted""",
                d.referralId(), d.referralId());
    }

    /** Keeps the case's facts of its newest event: an older event arriving late does not overwrite them. */
    public void recordCaseFacts(String type, CaseEvent e) {
        jdbc.update("""
                INSERT INTO case_fact (referral_id, sequence, last_type, source, status, priority, strand, pathway,
                    area, clock_state, started_at, due_at, target_hours, paused_seconds, first_contact_at, worker,
                    capacity)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                ON CONFLICT (referral_id) DO UPDATE SET
                    sequence = EXCLUDED.sequence, last_type = EXCLUDED.last_type, source = EXCLUDED.source,
                    status = EXCLUDED.status, priority = EXCLUDED.priority, strand = EXCLUDED.strand,
                    pathway = EXCLUDED.pathway, area = EXCLUDED.area, clock_state = EXCLUDED.clock_state,
                    started_at = EXCLUDED.started_at, due_at = EXCLUDED.due_at,
                    target_hours = EXCLUDED.target_hours, paused_seconds = EXCLUDED.paused_seconds,
                    first_contact_at = EXCLUDED.first_contact_at, worker = EXCLUDED.worker,
                    capacity = EXCLUDED.capacity
                WHERE case_fact.sequence < EXCLUDED.sequence""",
                e.referralId(), e.sequence(), type, e.source(), e.status(), e.priority(), e.strand(), e.pathway(),
                e.area(), e.clockState(), e.startedAt(), e.dueAt(), e.targetHours(), e.pausedSeconds(),
                e.firstContactAt(), e.worker(), e.capacity());
    }

    public void recordContact(CaseEvent e) {
        String[] supportTypes = e.supportTypes().stream().map(Enum::name).toArray(String[]::new);
        jdbc.update("""
                INSERT INTO contact_fact (referral_id, sequence, at, channel, outcome, contact_made, support_types)
                VALUES (?,?,?,?,?,?,?) ON CONFLICT DO NOTHING""",
                e.referralId(), e.sequence(), e.at(), e.channel(), e.outcome(),
                e.outcome() != null && e.outcome().isContactMade(), supportTypes);
    }

    public void recordServiceEvent(String kind, CaseEvent e) {
        if (e.service() == null) {
            return;
        }
        jdbc.update("""
                INSERT INTO service_event_fact (referral_id, sequence, kind, service, at)
                VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING""",
                e.referralId(), e.sequence(), kind, e.service(), e.at());
    }

    public void recordOutcome(CaseEvent e) {
        if (e.stage() == null) {
            return;
        }
        jdbc.update("""
                INSERT INTO outcome_fact (referral_id, sequence, stage, wellbeing, scores, at)
                VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING""",
                e.referralId(), e.sequence(), e.stage(), e.scores().get("wellbeing"), EventJson.write(e.scores()),
                e.at());
    }

    public void recordIntake(IntakeRecorded r, Instant fallbackAt) {
        jdbc.update("""
                INSERT INTO intake_fact (record_id, referral_id, source, source_reference, version, feed_sequence,
                    batch_id, status, at)
                VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING""",
                r.recordId(), r.referralId(), r.source(), r.sourceReference(), r.version(), r.feedSequence(),
                r.batchId(), r.status(), r.at() == null ? fallbackAt : r.at());
    }

    /** Empties every fact and the processed-event marks of this consumer, for a rebuild from the topics. */
    @jakarta.transaction.Transactional
    public void truncateAll(String consumer) {
        jdbc.update("TRUNCATE " + String.join(", ", FACT_TABLES));
        jdbc.update("DELETE FROM processed_event WHERE consumer = ?", consumer);
    }

    private static String ageBand(AgeBand band) {
        return band == null ? null : band.label();
    }
}

package org.lvs.metrics.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.lvs.contract.event.CaseEvent;
import org.lvs.contract.event.EventTypes;
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

    private static final String INSERT_DECISION = """
            INSERT INTO decision_fact (referral_id, version, source, source_reference, outcome, data_issue,
                case_status, priority, strand, pathway, reasons, decided_at, received_at, first_received_at,
                area, category, hate_strand, risk_level, age_band, gender, consent, how_heard)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            ON CONFLICT (referral_id, version) DO NOTHING""";

    /** Takes the referral's advisory lock; the batch path takes the same locks ({@link #lockReferrals}). */
    private static final String LOCK_REFERRAL = "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))";

    public void recordDecision(ReferralDecided d) {
        // Decisions of one referral may be applied concurrently: serialise them, so each recomputation (a fresh
        // snapshot after the lock, READ COMMITTED) sees every version committed before it.
        jdbc.query(LOCK_REFERRAL, rs -> 1, d.referralId().toString());
        jdbc.update(INSERT_DECISION, decisionRow(d));
        recomputeReferral(d);
    }

    /**
     * The decisions of a whole batch: the referrals' locks once, in sorted order (two batches sharing referrals wait
     * for each other instead of deadlocking), every decision in one JDBC batch, then every touched referral's row
     * recomputed in one statement.
     */
    public void recordDecisions(List<ReferralDecided> decisions) {
        if (decisions.isEmpty()) {
            return;
        }
        UUID[] referralIds = decisions.stream().map(ReferralDecided::referralId).distinct().sorted()
                .toArray(UUID[]::new);
        lockReferrals(referralIds);
        List<Object[]> rows = decisions.stream()
                .sorted(Comparator.comparing(ReferralDecided::referralId).thenComparingInt(ReferralDecided::version))
                .map(FactStore::decisionRow).toList();
        jdbc.batch(INSERT_DECISION, rows);
        jdbc.update(RECOMPUTE_REFERRALS.formatted("referral_id = ANY (?)"), referralIds, referralIds);
    }

    /** The same keys as {@link #LOCK_REFERRAL}, taken in the order of the keys themselves. */
    private void lockReferrals(UUID[] referralIds) {
        String[] texts = Arrays.stream(referralIds).map(UUID::toString).toArray(String[]::new);
        jdbc.query("""
                SELECT pg_advisory_xact_lock(k) FROM (
                    SELECT DISTINCT hashtextextended(id, 0) AS k FROM unnest(?::text[]) AS id ORDER BY k) keys""",
                rs -> 1, (Object) texts);
    }

    private static Object[] decisionRow(ReferralDecided d) {
        HateStrand firstHateStrand = d.crime() == null || d.crime().hateStrands().isEmpty()
                ? null : d.crime().hateStrands().get(0);
        String[] reasons = d.reasons().stream().map(r -> r.code().name()).toArray(String[]::new);
        return new Object[] {d.referralId(), d.version(), d.source(), d.sourceReference(), d.outcome(),
                d.dataIssue(), d.caseStatus(), d.priority(), d.strand(), d.pathway(), reasons, d.decidedAt(),
                d.receivedAt(), d.firstReceivedAt(), d.area(), d.crime() == null ? null : d.crime().category(),
                firstHateStrand, d.riskLevel(), ageBand(d.ageBand()), d.gender(), d.consent(), d.howHeard()};
    }

    /** Rebuilds the referral's row from all its decisions: latest by version, first by version, first receivedAt. */
    private void recomputeReferral(ReferralDecided d) {
        jdbc.update(RECOMPUTE_REFERRALS.formatted("referral_id = ?"), d.referralId(), d.referralId());
    }

    /** Recomputes the rows of the referrals the filter (bound twice) selects from their decisions. */
    private static final String RECOMPUTE_REFERRALS = """
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
            FROM (SELECT DISTINCT ON (referral_id) * FROM decision_fact WHERE %1$s
                   ORDER BY referral_id, version DESC) l
            JOIN (SELECT DISTINCT ON (referral_id) * FROM decision_fact WHERE %1$s
                   ORDER BY referral_id, version ASC) f ON f.referral_id = l.referral_id
            ON CONFLICT (referral_id) DO UPDATE SET
                source = EXCLUDED.source, source_reference = EXCLUDED.source_reference,
                first_received_at = EXCLUDED.first_received_at, first_version = EXCLUDED.first_version,
                first_outcome = EXCLUDED.first_outcome, first_data_issue = EXCLUDED.first_data_issue,
                first_issue_resolved = EXCLUDED.first_issue_resolved, version = EXCLUDED.version,
                outcome = EXCLUDED.outcome, data_issue = EXCLUDED.data_issue, priority = EXCLUDED.priority,
                strand = EXCLUDED.strand, pathway = EXCLUDED.pathway, area = EXCLUDED.area,
                category = EXCLUDED.category, hate_strand = EXCLUDED.hate_strand,
                risk_level = EXCLUDED.risk_level, age_band = EXCLUDED.age_band, gender = EXCLUDED.gender,
                how_heard = EXCLUDED.how_heard, persistently_targeted = EXCLUDED.persistently_targeted""";

    /** Keeps the case's facts of its newest event: an older event arriving late does not overwrite them. */
    private static final String UPSERT_CASE = """
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
            WHERE case_fact.sequence < EXCLUDED.sequence""";
    private static final String INSERT_CONTACT = """
            INSERT INTO contact_fact (referral_id, sequence, at, channel, outcome, contact_made, support_types)
            VALUES (?,?,?,?,?,?,?) ON CONFLICT DO NOTHING""";
    private static final String INSERT_SERVICE_EVENT = """
            INSERT INTO service_event_fact (referral_id, sequence, kind, service, at)
            VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING""";
    private static final String INSERT_OUTCOME = """
            INSERT INTO outcome_fact (referral_id, sequence, stage, wellbeing, scores, at)
            VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING""";
    private static final String INSERT_INTAKE = """
            INSERT INTO intake_fact (record_id, referral_id, source, source_reference, version, feed_sequence,
                batch_id, status, at)
            VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING""";

    /** A case event with its type (the event's {@code at} already filled in from the envelope where missing). */
    public record TypedCaseEvent(String type, CaseEvent event) {
    }

    public void recordCaseFacts(String type, CaseEvent e) {
        jdbc.update(UPSERT_CASE, caseRow(type, e));
    }

    public void recordContact(CaseEvent e) {
        jdbc.update(INSERT_CONTACT, contactRow(e));
    }

    public void recordServiceEvent(String kind, CaseEvent e) {
        if (e.service() == null) {
            return;
        }
        jdbc.update(INSERT_SERVICE_EVENT, serviceEventRow(kind, e));
    }

    public void recordOutcome(CaseEvent e) {
        if (e.stage() == null) {
            return;
        }
        jdbc.update(INSERT_OUTCOME, outcomeRow(e));
    }

    public void recordIntake(IntakeRecorded r, Instant fallbackAt) {
        jdbc.update(INSERT_INTAKE, intakeRow(r, fallbackAt));
    }

    /**
     * The case events of a whole batch. Only each case's newest event of the batch is upserted (the rest could not
     * win against it; on equal sequences the earlier one wins, as when applied one by one), so no statement touches
     * a case row twice. Every write is in key order, so batches sharing cases wait for each other, never deadlock.
     */
    public void recordCaseEvents(List<TypedCaseEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Map<UUID, TypedCaseEvent> newest = new TreeMap<>();
        for (TypedCaseEvent t : events) {
            newest.merge(t.event().referralId(), t,
                    (kept, next) -> next.event().sequence() > kept.event().sequence() ? next : kept);
        }
        jdbc.batch(UPSERT_CASE, newest.values().stream().map(t -> caseRow(t.type(), t.event())).toList());
        List<TypedCaseEvent> inKeyOrder = events.stream().sorted(Comparator
                .comparing((TypedCaseEvent t) -> t.event().referralId())
                .thenComparingLong(t -> t.event().sequence())).toList();
        List<Object[]> contacts = new ArrayList<>();
        List<Object[]> serviceEvents = new ArrayList<>();
        List<Object[]> outcomes = new ArrayList<>();
        for (TypedCaseEvent t : inKeyOrder) {
            CaseEvent e = t.event();
            switch (t.type()) {
                case EventTypes.CONTACT_RECORDED -> contacts.add(contactRow(e));
                case EventTypes.SERVICE_REQUESTED -> {
                    if (e.service() != null) {
                        serviceEvents.add(serviceEventRow("REQUESTED", e));
                    }
                }
                case EventTypes.SERVICE_STARTED -> {
                    if (e.service() != null) {
                        serviceEvents.add(serviceEventRow("STARTED", e));
                    }
                }
                case EventTypes.OUTCOME_RECORDED -> {
                    if (e.stage() != null) {
                        outcomes.add(outcomeRow(e));
                    }
                }
                default -> {
                    // clock and status events only move the case's facts
                }
            }
        }
        jdbc.batch(INSERT_CONTACT, contacts);
        jdbc.batch(INSERT_SERVICE_EVENT, serviceEvents);
        jdbc.batch(INSERT_OUTCOME, outcomes);
    }

    /** The intake records of a whole batch, in key order. */
    public void recordIntakes(List<IntakeRecorded> records, List<Instant> fallbackAts) {
        List<Object[]> rows = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            rows.add(intakeRow(records.get(i), fallbackAts.get(i)));
        }
        rows.sort(Comparator.comparing(row -> (String) row[0]));
        jdbc.batch(INSERT_INTAKE, rows);
    }

    private static Object[] caseRow(String type, CaseEvent e) {
        return new Object[] {e.referralId(), e.sequence(), type, e.source(), e.status(), e.priority(), e.strand(),
                e.pathway(), e.area(), e.clockState(), e.startedAt(), e.dueAt(), e.targetHours(), e.pausedSeconds(),
                e.firstContactAt(), e.worker(), e.capacity()};
    }

    private static Object[] contactRow(CaseEvent e) {
        String[] supportTypes = e.supportTypes().stream().map(Enum::name).toArray(String[]::new);
        return new Object[] {e.referralId(), e.sequence(), e.at(), e.channel(), e.outcome(),
                e.outcome() != null && e.outcome().isContactMade(), supportTypes};
    }

    private static Object[] serviceEventRow(String kind, CaseEvent e) {
        return new Object[] {e.referralId(), e.sequence(), kind, e.service(), e.at()};
    }

    private static Object[] outcomeRow(CaseEvent e) {
        return new Object[] {e.referralId(), e.sequence(), e.stage(), e.scores().get("wellbeing"),
                EventJson.write(e.scores()), e.at()};
    }

    private static Object[] intakeRow(IntakeRecorded r, Instant fallbackAt) {
        return new Object[] {r.recordId(), r.referralId(), r.source(), r.sourceReference(), r.version(),
                r.feedSequence(), r.batchId(), r.status(), r.at() == null ? fallbackAt : r.at()};
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

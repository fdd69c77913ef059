package org.lvs.metrics.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.lvs.commons.jdbc.Sql;
import org.lvs.contract.event.CaseEvent;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.EventTypes;
import org.lvs.contract.event.IntakeRecorded;
import org.lvs.contract.event.PersonalDataErased;
import org.lvs.contract.event.ReferralDecided;
import org.lvs.contract.referral.AgeBand;
import org.lvs.contract.referral.HateStrand;

/**
 * Writes facts into one {@link FactTables set}. Every write is keyed by what the event records, so applying an event
 * twice changes nothing; callers run inside the applying transaction.
 */
@ApplicationScoped
public class FactStore {

    private final Sql jdbc;

    FactStore(Sql jdbc) {
        this.jdbc = jdbc;
    }

    /** Marks the events applied in one statement, in sorted order (concurrent batches wait, never deadlock). */
    private static final String MARK_APPLIED = """
            INSERT INTO applied_event (event_id, applied_at)
            SELECT e, ? FROM (SELECT DISTINCT e FROM unnest(?::uuid[]) AS e) AS events ORDER BY e
            ON CONFLICT DO NOTHING RETURNING event_id""";

    /**
     * Records the events as applied in this set and returns those it sees for the first time (an id given twice
     * counts once); the caller writes the facts of those only.
     */
    public Set<UUID> firstTime(FactTables tables, Collection<UUID> eventIds, Instant now) {
        if (eventIds.isEmpty()) {
            return new HashSet<>();
        }
        return new HashSet<>(jdbc.query(
                tables.sql(MARK_APPLIED), rs -> rs.getObject(1, UUID.class), now, eventIds.toArray(UUID[]::new)));
    }

    /**
     * Deletes up to {@code limit} live marks applied before the cut-off and counts them under {@code events_pruned},
     * in one statement: {@code events_applied} counts inserts only, so it keeps every event ever applied, and
     * {@code events_applied = rows + events_pruned} stays checkable.
     */
    private static final String PRUNE_APPLIED = """
            WITH gone AS (
                DELETE FROM applied_event WHERE ctid = ANY (ARRAY(
                    SELECT ctid FROM applied_event WHERE applied_at < ? LIMIT ?))
                RETURNING 1)
            INSERT INTO gauge_count (gauge, k1, n) SELECT 'events_pruned', '', count(*) FROM gone HAVING count(*) > 0
            RETURNING n""";

    /** Prunes one chunk of the live set's applied-event marks; returns how many went. */
    public long pruneAppliedBefore(Instant cutOff, int limit) {
        List<Long> pruned = jdbc.query(PRUNE_APPLIED, rs -> rs.getLong(1), cutOff, limit);
        return pruned.isEmpty() ? 0 : pruned.get(0);
    }

    private static final String INSERT_DECISION = """
            INSERT INTO decision_fact (referral_id, version, revision, source, source_reference, outcome, data_issue,
                case_status, priority, strand, pathway, reasons, decided_at, received_at, first_received_at,
                area, category, hate_strand, risk_level, age_band, gender, consent, how_heard)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            ON CONFLICT (referral_id, version, revision) DO NOTHING""";

    /**
     * The decisions of a whole batch: the referrals' locks once, in sorted order (two batches sharing referrals wait
     * for each other instead of deadlocking), every decision in one JDBC batch, then every touched referral's row
     * recomputed in one statement (a fresh snapshot after the locks, READ COMMITTED, so it sees every decision of
     * the referral committed before).
     */
    public void recordDecisions(FactTables tables, List<ReferralDecided> decisions) {
        if (decisions.isEmpty()) {
            return;
        }
        UUID[] referralIds = decisions.stream()
                .map(ReferralDecided::referralId)
                .distinct()
                .sorted()
                .toArray(UUID[]::new);
        lockReferrals(tables, referralIds);
        List<Object[]> rows = decisions.stream()
                .sorted(Comparator.comparing(ReferralDecided::referralId)
                        .thenComparingInt(ReferralDecided::version)
                        .thenComparingInt(ReferralDecided::revision))
                .map(FactStore::decisionRow)
                .toList();
        jdbc.batch(tables.sql(INSERT_DECISION), rows);
        jdbc.update(tables.sql(BLANK_ERASED_DECISIONS), (Object) referralIds);
        jdbc.update(tables.sql(RECOMPUTE_REFERRALS.formatted("referral_id = ANY (?)")), referralIds, referralIds);
    }

    /**
     * Erasures (issue 11): a referral's source references could re-identify the victim, so they are blanked in every
     * fact; counts stay, since a referral counts by its id once its reference is gone. The erasure itself is kept,
     * so a decision or intake record of the referral applied later (events arrive in any order, and a rebuild reads
     * the topics one after another) is blanked as it arrives. The referrals' locks order this against their
     * decisions and intake records.
     */
    public void recordErasures(FactTables tables, List<PersonalDataErased> erasures) {
        if (erasures.isEmpty()) {
            return;
        }
        UUID[] referralIds = erasures.stream()
                .map(PersonalDataErased::referralId)
                .distinct()
                .sorted()
                .toArray(UUID[]::new);
        lockReferrals(tables, referralIds);
        jdbc.batch(
                tables.sql(INSERT_ERASURE),
                erasures.stream()
                        .sorted(Comparator.comparing(PersonalDataErased::referralId))
                        .map(e -> new Object[] {e.referralId(), e.at()})
                        .toList());
        for (String table : List.of("decision_fact", "referral_fact", "intake_fact")) {
            jdbc.update(
                    tables.sql("UPDATE " + table + " SET source_reference = NULL "
                            + "WHERE referral_id = ANY (?) AND source_reference IS NOT NULL"),
                    (Object) referralIds);
        }
    }

    private static final String INSERT_ERASURE =
            "INSERT INTO erasure_fact (referral_id, erased_at) VALUES (?, ?) ON CONFLICT DO NOTHING";
    private static final String BLANK_ERASED_DECISIONS = """
            UPDATE decision_fact d SET source_reference = NULL FROM erasure_fact e
            WHERE e.referral_id = d.referral_id AND d.referral_id = ANY (?) AND d.source_reference IS NOT NULL""";
    private static final String BLANK_ERASED_INTAKES = """
            UPDATE intake_fact i SET source_reference = NULL FROM erasure_fact e
            WHERE e.referral_id = i.referral_id AND i.referral_id = ANY (?) AND i.source_reference IS NOT NULL""";

    /** The referrals' advisory locks of this set, taken in the order of the keys themselves. */
    private void lockReferrals(FactTables tables, UUID[] referralIds) {
        String[] texts = Arrays.stream(referralIds).map(UUID::toString).toArray(String[]::new);
        jdbc.query("""
                SELECT pg_advisory_xact_lock(k) FROM (
                    SELECT DISTINCT hashtextextended(id, ?::bigint) AS k FROM unnest(?::text[]) AS id
                    ORDER BY k) keys""", rs -> 1, tables.lockSeed(), texts);
    }

    private static Object[] decisionRow(ReferralDecided d) {
        HateStrand firstHateStrand =
                d.crime() == null || d.crime().hateStrands().isEmpty()
                        ? null
                        : d.crime().hateStrands().get(0);
        String[] reasons = d.reasons().stream().map(r -> r.code().name()).toArray(String[]::new);
        return new Object[] {
            d.referralId(),
            d.version(),
            d.revision(),
            d.source(),
            d.sourceReference(),
            d.outcome(),
            d.dataIssue(),
            d.caseStatus(),
            d.priority(),
            d.strand(),
            d.pathway(),
            reasons,
            d.decidedAt(),
            d.receivedAt(),
            d.firstReceivedAt(),
            d.area(),
            d.crime() == null ? null : d.crime().category(),
            firstHateStrand,
            d.riskLevel(),
            ageBand(d.ageBand()),
            d.gender(),
            d.consent(),
            d.howHeard()
        };
    }

    /**
     * Recomputes the rows of the referrals the filter (bound twice) selects from their decisions: the latest is the
     * one with the highest (version, revision), the first the lowest; a later decision resolves the first one's
     * data issue when it opened a case (and, for insufficient data, cleared the issue).
     */
    private static final String RECOMPUTE_REFERRALS = """
            INSERT INTO referral_fact (referral_id, source, source_reference, first_received_at, first_version,
                first_outcome, first_data_issue, first_issue_resolved, version, revision, outcome, data_issue,
                priority, strand, pathway, area, category, hate_strand, risk_level, age_band, gender, how_heard,
                persistently_targeted)
            SELECT l.referral_id, l.source, l.source_reference,
                (SELECT min(coalesce(x.first_received_at, x.received_at, x.decided_at))
                   FROM decision_fact x WHERE x.referral_id = l.referral_id),
                f.version, f.outcome, f.data_issue,
                EXISTS (SELECT 1 FROM decision_fact later
                         WHERE later.referral_id = f.referral_id
                           AND (later.version, later.revision) > (f.version, f.revision)
                           AND later.outcome = 'CASE_OPENED'
                           AND (f.data_issue <> 'INSUFFICIENT_DATA' OR later.data_issue IS NULL)),
                l.version, l.revision, l.outcome, l.data_issue, l.priority, l.strand, l.pathway, l.area, l.category,
                l.hate_strand, l.risk_level, l.age_band, l.gender, l.how_heard,
                'PRIORITY_PERSISTENTLY_TARGETED' = ANY (l.reasons)
            FROM (SELECT DISTINCT ON (referral_id) * FROM decision_fact WHERE %1$s
                   ORDER BY referral_id, version DESC, revision DESC) l
            JOIN (SELECT DISTINCT ON (referral_id) * FROM decision_fact WHERE %1$s
                   ORDER BY referral_id, version ASC, revision ASC) f ON f.referral_id = l.referral_id
            ON CONFLICT (referral_id) DO UPDATE SET
                source = EXCLUDED.source, source_reference = EXCLUDED.source_reference,
                first_received_at = EXCLUDED.first_received_at, first_version = EXCLUDED.first_version,
                first_outcome = EXCLUDED.first_outcome, first_data_issue = EXCLUDED.first_data_issue,
                first_issue_resolved = EXCLUDED.first_issue_resolved, version = EXCLUDED.version,
                revision = EXCLUDED.revision,
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
    /** The case's facts after every event, with the event's time: waiting lists and caseloads as at an instant. */
    private static final String INSERT_CASE_STATE = """
            INSERT INTO case_state_fact (referral_id, sequence, at, status, strand, pathway, worker, capacity,
                first_contact_at)
            VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING""";

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
    public record TypedCaseEvent(String type, CaseEvent event) {}

    /**
     * The case events of a whole batch. Only each case's newest event of the batch is upserted (the rest could not
     * win against it; on equal sequences the earlier one wins, as when applied one by one), so no statement touches
     * a case row twice. Every write is in key order, so batches sharing cases wait for each other, never deadlock.
     */
    public void recordCaseEvents(FactTables tables, List<TypedCaseEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Map<UUID, TypedCaseEvent> newest = new TreeMap<>();
        for (TypedCaseEvent t : events) {
            newest.merge(
                    t.event().referralId(),
                    t,
                    (kept, next) -> next.event().sequence() > kept.event().sequence() ? next : kept);
        }
        jdbc.batch(
                tables.sql(UPSERT_CASE),
                newest.values().stream().map(t -> caseRow(t.type(), t.event())).toList());
        List<TypedCaseEvent> inKeyOrder = events.stream()
                .sorted(Comparator.comparing((TypedCaseEvent t) -> t.event().referralId())
                        .thenComparingLong(t -> t.event().sequence()))
                .toList();
        jdbc.batch(
                tables.sql(INSERT_CASE_STATE),
                inKeyOrder.stream().map(t -> caseStateRow(t.event())).toList());
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
        jdbc.batch(tables.sql(INSERT_CONTACT), contacts);
        jdbc.batch(tables.sql(INSERT_SERVICE_EVENT), serviceEvents);
        jdbc.batch(tables.sql(INSERT_OUTCOME), outcomes);
    }

    /**
     * The intake records of a whole batch, in key order; a record of an erased referral loses its source reference
     * (under the referrals' locks, so an erasure applied at the same time is seen).
     */
    public void recordIntakes(FactTables tables, List<IntakeRecorded> records, List<Instant> fallbackAts) {
        if (records.isEmpty()) {
            return;
        }
        UUID[] referralIds = records.stream()
                .map(IntakeRecorded::referralId)
                .filter(Objects::nonNull)
                .distinct()
                .sorted()
                .toArray(UUID[]::new);
        lockReferrals(tables, referralIds);
        List<Object[]> rows = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            rows.add(intakeRow(records.get(i), fallbackAts.get(i)));
        }
        rows.sort(Comparator.comparing(row -> (String) row[0]));
        jdbc.batch(tables.sql(INSERT_INTAKE), rows);
        if (referralIds.length > 0) {
            jdbc.update(tables.sql(BLANK_ERASED_INTAKES), (Object) referralIds);
        }
    }

    private static Object[] caseRow(String type, CaseEvent e) {
        return new Object[] {
            e.referralId(),
            e.sequence(),
            type,
            e.source(),
            e.status(),
            e.priority(),
            e.strand(),
            e.pathway(),
            e.area(),
            e.clockState(),
            e.startedAt(),
            e.dueAt(),
            e.targetHours(),
            e.pausedSeconds(),
            e.firstContactAt(),
            e.worker(),
            e.capacity()
        };
    }

    private static Object[] caseStateRow(CaseEvent e) {
        return new Object[] {
            e.referralId(),
            e.sequence(),
            e.at(),
            e.status(),
            e.strand(),
            e.pathway(),
            e.worker(),
            e.capacity(),
            e.firstContactAt()
        };
    }

    private static Object[] contactRow(CaseEvent e) {
        String[] supportTypes = e.supportTypes().stream().map(Enum::name).toArray(String[]::new);
        return new Object[] {
            e.referralId(),
            e.sequence(),
            e.at(),
            e.channel(),
            e.outcome(),
            e.outcome() != null && e.outcome().isContactMade(),
            supportTypes
        };
    }

    private static Object[] serviceEventRow(String kind, CaseEvent e) {
        return new Object[] {e.referralId(), e.sequence(), kind, e.service(), e.at()};
    }

    private static Object[] outcomeRow(CaseEvent e) {
        return new Object[] {
            e.referralId(), e.sequence(), e.stage(), e.scores().get("wellbeing"), EventJson.write(e.scores()), e.at()
        };
    }

    private static Object[] intakeRow(IntakeRecorded r, Instant fallbackAt) {
        return new Object[] {
            r.recordId(),
            r.referralId(),
            r.source(),
            r.sourceReference(),
            r.version(),
            r.feedSequence(),
            r.batchId(),
            r.status(),
            r.at() == null ? fallbackAt : r.at()
        };
    }

    private static String ageBand(AgeBand band) {
        return band == null ? null : band.label();
    }
}

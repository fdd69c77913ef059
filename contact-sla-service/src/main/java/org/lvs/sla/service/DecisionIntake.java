package org.lvs.sla.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.lvs.commons.failure.RejectedRecordException;
import org.lvs.commons.messaging.OutgoingEvent;
import org.lvs.commons.outbox.Outbox;
import org.lvs.contract.casework.CaseStatus;
import org.lvs.contract.casework.ClosureReason;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventTypes;
import org.lvs.contract.event.MalformedEventException;
import org.lvs.contract.event.PersonalDataErased;
import org.lvs.contract.event.ReferralDecided;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.contract.referral.Referral;
import org.lvs.contract.referral.Victim;
import org.lvs.contract.triage.DecisionOutcome;
import org.lvs.sla.config.SlaConfig;
import org.lvs.sla.domain.WorkingTime;
import org.lvs.sla.messaging.CaseEventEmitter;
import org.lvs.sla.messaging.EventDetail;
import org.lvs.sla.persistence.AuditEntity;
import org.lvs.sla.persistence.CaseEntity;
import org.lvs.sla.persistence.CaseRepository;
import org.lvs.sla.persistence.ListColumn;
import org.lvs.sla.persistence.PersonEntity;
import org.lvs.sla.persistence.ReferralTrack;
import org.lvs.sla.persistence.ReferralTracks;

/**
 * Cases from decisions ({@code referrals.triaged}) and victims' contact details ({@code referrals.received}).
 * An event is applied only when it is newer than what was seen of its referral on its topic (the referral's tracker
 * row, locked, in the same transaction as the change): the two topics' events of one referral may arrive in any
 * order, and a redelivered event is never newer than itself, so the version guard alone makes intake idempotent. No
 * processed-event mark is written (issue 14: two extra rows per referral that guarded nothing the tracker does not).
 */
@ApplicationScoped
public class DecisionIntake {

    private static final Logger LOG = Logger.getLogger(DecisionIntake.class);

    private final CaseRepository repository;
    private final ReferralTracks referralTracks;
    private final CaseRules rules;
    private final CaseEventEmitter emitter;
    private final AuditTrail audit;
    private final WorkingTime workingTime;
    private final Clock clock;
    private final Outbox outbox;
    private final Erasure erasure;
    private final SlaConfig config;

    DecisionIntake(
            CaseRepository repository,
            ReferralTracks referralTracks,
            CaseRules rules,
            CaseEventEmitter emitter,
            AuditTrail audit,
            WorkingTime workingTime,
            Clock clock,
            Outbox outbox,
            Erasure erasure,
            SlaConfig config) {
        this.repository = repository;
        this.referralTracks = referralTracks;
        this.rules = rules;
        this.emitter = emitter;
        this.audit = audit;
        this.workingTime = workingTime;
        this.clock = clock;
        this.outbox = outbox;
        this.erasure = erasure;
        this.config = config;
    }

    /** A readable record of a batch: the decision and when its event occurred. */
    public record Decided(ReferralDecided decision, Instant occurredAt) {}

    /** A readable record of a batch. */
    public record Received(ReferralReceived received) {}

    /**
     * What a batch writes at its end: new cases and victims, case events for the outbox (in order) and audit entries.
     */
    private static final class Writes {
        final List<CaseEntity> opened = new ArrayList<>();
        final Map<UUID, PersonEntity> addedPersons = new LinkedHashMap<>();
        final List<OutgoingEvent> events = new ArrayList<>();
        final List<AuditEntity> audit = new ArrayList<>();
    }

    /**
     * Applies a batch of decisions in their order in one transaction, with the same outcome as applying them one by
     * one: the trackers and the cases read (and locked, in id order) at once, each decision
     * applied in memory (two versions of one referral in the batch see each other), then the rows written in JDBC
     * batches (the cases new in the batch inserted with their final state) and the events enqueued in order.
     */
    @Transactional
    public void applyDecisions(List<Decided> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Set<UUID> referralIds = new LinkedHashSet<>();
        batch.forEach(b -> referralIds.add(b.decision().referralId()));
        Map<UUID, ReferralTrack> tracks = referralTracks.lock(referralIds);
        Map<UUID, CaseEntity> cases = repository.lockCases(referralIds);
        Writes writes = new Writes();
        for (Decided b : batch) {
            // the same event twice in one batch: the first moved the tracker, the second is not newer
            decided(b, tracks.get(b.decision().referralId()), cases, writes);
        }
        repository.flush();
        repository.insertNewCases(writes.opened);
        referralTracks.saveMoved(tracks.values());
        audit.recordAll(writes.audit);
        outbox.enqueueAll(writes.events);
    }

    /** Applies a batch of received referrals in their order in one transaction (see {@link #applyDecisions}). */
    @Transactional
    public void applyReceived(List<Received> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Set<UUID> referralIds = new LinkedHashSet<>();
        batch.forEach(b -> referralIds.add(b.received().referralId()));
        Map<UUID, ReferralTrack> tracks = referralTracks.lock(referralIds);
        Map<UUID, PersonEntity> persons = repository.findPersons(referralIds);
        Set<UUID> withCase = repository.existingCases(referralIds);
        Writes writes = new Writes();
        for (Received b : batch) {
            received(b.received(), tracks.get(b.received().referralId()), persons, withCase, writes);
        }
        repository.insertNewPersons(writes.addedPersons.values());
        referralTracks.saveMoved(tracks.values());
        outbox.enqueueAll(writes.events);
    }

    /** One decision in its own transaction (tests, and the fallback when a batch keeps failing). */
    @Transactional
    public void onDecided(EventEnvelope envelope) {
        if (EventTypes.REFERRAL_DECIDED.equals(envelope.type())) {
            applyDecisions(List.of(decidedOf(envelope)));
        }
    }

    /** One received referral in its own transaction. */
    @Transactional
    public void onReceived(EventEnvelope envelope) {
        if (EventTypes.REFERRAL_RECEIVED.equals(envelope.type())) {
            applyReceived(List.of(receivedOf(envelope)));
        }
    }

    /** Reads a decision; a record that is not a usable decision is refused (the caller dead-letters it). */
    public static Decided decidedOf(EventEnvelope envelope) {
        return decidedOf(envelope.occurredAt(), envelope.payloadAs(ReferralDecided.class));
    }

    /** A decision already read into its type (the one-pass reading), checked as {@link #decidedOf(EventEnvelope)}. */
    public static Decided decidedOf(Instant occurredAt, ReferralDecided d) {
        if (d == null || d.referralId() == null || d.outcome() == null) {
            throw new MalformedEventException("a ReferralDecided without referralId or outcome");
        }
        if (d.version() < 1 || d.revision() < 0) {
            throw new RejectedRecordException("a ReferralDecided with a version below 1 or a negative revision");
        }
        if (d.opensCase() && d.slaTargetHours() != null && d.slaTargetHours() <= 0) {
            throw new RejectedRecordException("a ReferralDecided opening a case with slaTargetHours below 1");
        }
        return new Decided(d, occurredAt);
    }

    public static Received receivedOf(EventEnvelope envelope) {
        return receivedOf(envelope.payloadAs(ReferralReceived.class));
    }

    public static Received receivedOf(ReferralReceived r) {
        if (r == null || r.referralId() == null || r.referral() == null) {
            throw new MalformedEventException("a ReferralReceived without referralId or referral");
        }
        return new Received(r);
    }

    private void decided(Decided b, ReferralTrack track, Map<UUID, CaseEntity> cases, Writes writes) {
        ReferralDecided d = b.decision();
        if (!d.supersedes(track.decisionVersion(), track.decisionRevision())) {
            return; // an older (version, revision) arriving late never overrides a newer one
        }
        track.decisionSeen(d.version(), d.revision());
        Instant at = receivedAt(d, b.occurredAt());
        CaseEntity c = cases.get(d.referralId());
        if (c == null) {
            if (d.opensCase()) {
                cases.put(d.referralId(), open(d, at, writes));
            }
            return;
        }
        c.decisionVersion = d.version();
        c.decisionRevision = d.revision();
        if (c.isClosed()) {
            return; // a closed case never leaves CLOSED
        }
        if (d.outcome() == DecisionOutcome.DECLINED_NO_CONSENT) {
            withdrawConsent(c, track, at, writes);
        } else {
            amend(c, d, at, writes);
        }
    }

    private void received(
            ReferralReceived r,
            ReferralTrack track,
            Map<UUID, PersonEntity> persons,
            Set<UUID> withCase,
            Writes writes) {
        if (track.erased() || r.version() <= track.receivedVersion()) {
            return;
        }
        track.receivedSeen(r.version());
        Referral referral = r.referral();
        Victim v = referral.victim();
        boolean consented = referral.consent() != null && referral.consent().allowsPersonalData();
        if (!consented || v == null) {
            // consent gone: nothing of the victim stays
            PersonEntity stored = persons.remove(r.referralId());
            // a victim added earlier in this batch has no row yet: it is dropped, not deleted
            repository.erasePersonalData(
                    r.referralId(), writes.addedPersons.remove(r.referralId()) != null ? null : stored);
            if (stored != null && !consented && !withCase.contains(r.referralId())) {
                // with a case, the decision that declines it closes the case and propagates the erasure
                writes.events.add(
                        erasure.consentWithdrawnWithoutCase(r.referralId(), referral.source(), receivedAt(r)));
            }
            return;
        }
        PersonEntity stored = persons.get(r.referralId());
        PersonEntity p = stored != null ? stored : new PersonEntity();
        p.referralId = r.referralId();
        p.version = r.version();
        p.personRef = v.personRef();
        p.firstName = v.firstName();
        p.lastName = v.lastName();
        p.dateOfBirth = v.dateOfBirth();
        p.phone = v.phone();
        p.email = v.email();
        p.addressLine1 = v.address() == null ? null : v.address().line1();
        p.addressLine2 = v.address() == null ? null : v.address().line2();
        p.town = v.address() == null ? null : v.address().town();
        p.postcode = v.address() == null ? null : v.address().postcode();
        p.preferredContact =
                v.preferredContact() == null ? null : v.preferredContact().name();
        p.vulnerabilities = ListColumn.join(v.vulnerabilities());
        p.unsafeToContact = referral.safeguarding().unsafeToContact();
        p.safeguardingReason = referral.safeguarding().reason();
        p.ageBand = v.ageBand() == null ? null : v.ageBand().label();
        p.normalise();
        if (stored == null) {
            persons.put(p.referralId, p);
            // inserted at the batch's end, with the batch's last version of it
            writes.addedPersons.put(p.referralId, p);
        }
    }

    private CaseEntity open(ReferralDecided d, Instant at, Writes writes) {
        CaseEntity c = new CaseEntity();
        c.referralId = d.referralId();
        c.decisionVersion = d.version();
        c.decisionRevision = d.revision();
        c.openedAt = at;
        applyFacts(c, d);
        c.status = rules.derivedStatus(c);
        int target = d.slaTargetHours() != null ? d.slaTargetHours() : rules.defaultTarget(d.priority());
        // judged at the decision's own time: a replayed case is not breached against the real now as it opens
        CaseClock.Settled events = CaseClock.start(c, workingTime, at, target, rules.pausing(c.status))
                .settle(at, clock.instant(), config.detector().replaySettle());
        emitter.collect(c, EventTypes.CASE_OPENED, at, EventDetail.NONE, writes.events);
        emitter.collectClock(c, events.all(), writes.events);
        writes.opened.add(c); // inserted at the batch's end, with every later change of the batch in it
        writes.audit.add(audit.entry(
                c.referralId,
                at,
                AuditTrail.TRIAGE,
                "CASE_OPENED",
                "version=" + d.version() + " status=" + c.status + " priority=" + c.priority + " strand=" + c.strand
                        + " pathway=" + c.pathway + " targetHours=" + target));
        LOG.debugf("case opened for referral %s", c.referralId);
        return c;
    }

    /**
     * A later decision (or a re-decision of the same version): status, priority, strand, pathway and target follow
     * it, human steps stay. Judged at the version's own time, so a replayed amendment before due still moves due.
     */
    private void amend(CaseEntity c, ReferralDecided d, Instant at, Writes writes) {
        CaseClock contactClock = CaseClock.of(c, workingTime);
        contactClock.judge(at);
        boolean newlyUnsafe = d.caseStatus() == CaseStatus.SCREENING && c.decisionStatus != CaseStatus.SCREENING;
        if (newlyUnsafe) {
            c.screened = false;
        }
        if (d.opensCase()) {
            applyFacts(c, d);
        } else {
            // DATA_ISSUE: nobody can be contacted until an amendment supplies a name or a channel
            c.dataIssue = d.dataIssue();
            c.decisionStatus = CaseStatus.AWAITING_INFORMATION;
        }
        rules.moveTo(c, contactClock, rules.derivedStatus(c), at);
        if (d.slaTargetHours() != null
                && d.slaTargetHours() != contactClock.current().targetHours()) {
            contactClock.changeTarget(d.slaTargetHours(), at);
        }
        CaseClock.Settled events =
                contactClock.settle(at, clock.instant(), config.detector().replaySettle());
        emitter.collectClock(c, events.before(), writes.events);
        emitter.collect(c, EventTypes.CASE_UPDATED, at, EventDetail.NONE, writes.events);
        emitter.collectClock(c, events.after(), writes.events);
        writes.audit.add(audit.entry(
                c.referralId,
                at,
                AuditTrail.TRIAGE,
                "DECISION_AMENDED",
                "version=" + d.version() + " revision=" + d.revision() + " outcome=" + d.outcome() + " status="
                        + c.status + " priority=" + c.priority + " strand=" + c.strand + " pathway=" + c.pathway
                        + " targetHours=" + c.targetHours));
    }

    /** A later DECLINED_NO_CONSENT: the case closes as CONSENT_WITHDRAWN and its personal data is erased. */
    private void withdrawConsent(CaseEntity c, ReferralTrack track, Instant at, Writes writes) {
        CaseClock contactClock = CaseClock.of(c, workingTime);
        rules.close(c, contactClock, ClosureReason.CONSENT_WITHDRAWN, at);
        CaseClock.Settled events =
                contactClock.settle(at, clock.instant(), config.detector().replaySettle());
        OutgoingEvent erased = erasure.erase(c, track, PersonalDataErased.CONSENT_WITHDRAWN, at);
        emitter.collectClock(c, events.before(), writes.events);
        emitter.collect(
                c, EventTypes.CASE_CLOSED, at, EventDetail.closure(ClosureReason.CONSENT_WITHDRAWN), writes.events);
        emitter.collectClock(c, events.after(), writes.events);
        writes.events.add(erased);
        writes.audit.add(audit.entry(
                c.referralId,
                at,
                AuditTrail.TRIAGE,
                "CASE_CLOSED",
                "reason=CONSENT_WITHDRAWN (decision DECLINED_NO_CONSENT); personal data erased"));
    }

    private void applyFacts(CaseEntity c, ReferralDecided d) {
        c.source = d.source();
        if (!c.personalDataErased) {
            c.sourceReference = d.sourceReference(); // the police's reference could re-identify an erased victim
        }
        c.decisionStatus = d.caseStatus();
        c.consent = d.consent();
        c.dataIssue = d.dataIssue();
        c.priority = d.priority();
        c.strand = d.strand();
        c.provider = d.provider();
        c.area = d.area();
        CaseContext.fromDecision(c, d);
        if (!c.pathwayRegraded) {
            c.pathway = d.pathway();
            c.riskLevel = d.riskLevel();
        } else if (c.strand != null && c.pathway != null) {
            c.strand = CaseRules.strandOf(c.pathway); // a handler's regrade stands
        }
    }

    private static Instant receivedAt(ReferralReceived r) {
        return (r.receivedAt() != null ? r.receivedAt() : Instant.EPOCH).truncatedTo(ChronoUnit.MICROS);
    }

    private static Instant receivedAt(ReferralDecided d, Instant occurredAt) {
        Instant at = d.receivedAt() != null ? d.receivedAt() : d.decidedAt() != null ? d.decidedAt() : occurredAt;
        return at.truncatedTo(ChronoUnit.MICROS); // the database's precision: events and rows agree
    }
}

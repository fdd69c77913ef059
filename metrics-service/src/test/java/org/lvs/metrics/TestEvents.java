package org.lvs.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lvs.contract.Topics;
import org.lvs.contract.casework.CaseStatus;
import org.lvs.contract.casework.ClockState;
import org.lvs.contract.casework.ContactChannel;
import org.lvs.contract.casework.ContactOutcome;
import org.lvs.contract.casework.OnwardService;
import org.lvs.contract.casework.OutcomeStage;
import org.lvs.contract.casework.SupportType;
import org.lvs.contract.event.CaseEvent;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventTypes;
import org.lvs.contract.event.IntakeRecorded;
import org.lvs.contract.event.IntakeStatus;
import org.lvs.contract.event.ReferralDecided;
import org.lvs.contract.referral.AgeBand;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.Gender;
import org.lvs.contract.referral.HateStrand;
import org.lvs.contract.referral.HowHeard;
import org.lvs.contract.referral.RiskLevel;
import org.lvs.contract.referral.Source;
import org.lvs.contract.triage.DataIssue;
import org.lvs.contract.triage.DecisionOutcome;
import org.lvs.contract.triage.Pathway;
import org.lvs.contract.triage.Priority;
import org.lvs.contract.triage.Reason;
import org.lvs.contract.triage.ReasonCode;
import org.lvs.contract.triage.Strand;
import org.lvs.infra.test.TopicProbe;

/** Builders for the upstream events the tests put on the topics, exactly as the producing services would. */
public final class TestEvents {

    private TestEvents() {}

    /** A topic, key and envelope ready to send. */
    public record Sent(String topic, String key, EventEnvelope envelope) {
        public void send() {
            TopicProbe.send(topic, key, envelope);
        }
    }

    public static final class Decision {
        UUID referralId = UUID.randomUUID();
        String sourceReference = "REF-" + UUID.randomUUID();
        int version = 1;
        DecisionOutcome outcome = DecisionOutcome.CASE_OPENED;
        DataIssue dataIssue;
        Priority priority = Priority.STANDARD;
        Strand strand = Strand.CORE;
        Pathway pathway = Pathway.CORE;
        List<ReasonCode> reasons = new ArrayList<>();
        Source source = Source.ADT;
        Instant receivedAt;
        Instant firstReceivedAt;
        String area = "Preston";
        CrimeCategory category = CrimeCategory.THEFT;
        List<HateStrand> hateStrands = List.of();
        RiskLevel riskLevel;
        AgeBand ageBand = AgeBand.FROM_25_TO_34;
        Gender gender = Gender.FEMALE;
        HowHeard howHeard;
        int revision;

        public static Decision of(Source source, Instant receivedAt) {
            Decision d = new Decision();
            d.source = source;
            d.receivedAt = receivedAt;
            d.firstReceivedAt = receivedAt;
            return d;
        }

        public Decision id(UUID id) {
            referralId = id;
            return this;
        }

        public Decision ref(String ref) {
            sourceReference = ref;
            return this;
        }

        public Decision version(int v, Instant received) {
            version = v;
            receivedAt = received;
            return this;
        }

        public Decision noCase(DecisionOutcome o, DataIssue issue) {
            outcome = o;
            dataIssue = issue;
            priority = null;
            strand = null;
            pathway = null;
            return this;
        }

        public Decision issue(DataIssue issue) {
            dataIssue = issue;
            return this;
        }

        public Decision route(Priority p, Strand s, Pathway pw) {
            priority = p;
            strand = s;
            pathway = pw;
            return this;
        }

        public Decision reasons(ReasonCode... codes) {
            reasons = Arrays.asList(codes);
            return this;
        }

        public Decision area(String a) {
            area = a;
            return this;
        }

        public Decision crime(CrimeCategory c, HateStrand... strands) {
            category = c;
            hateStrands = Arrays.asList(strands);
            return this;
        }

        public Decision risk(RiskLevel r) {
            riskLevel = r;
            return this;
        }

        public Decision person(Gender g, AgeBand a) {
            gender = g;
            ageBand = a;
            return this;
        }

        public Decision heard(HowHeard h) {
            howHeard = h;
            return this;
        }
        /** A re-decision of the same version (triage decides a version again when a late fact changes it). */
        public Decision revision(int r) {
            revision = r;
            return this;
        }

        public UUID referralId() {
            return referralId;
        }

        public String sourceReference() {
            return sourceReference;
        }

        public Sent event() {
            ReferralDecided d = new ReferralDecided(
                            referralId,
                            sourceReference,
                            version,
                            outcome,
                            outcome == DecisionOutcome.CASE_OPENED ? CaseStatus.OPEN : null,
                            dataIssue,
                            priority,
                            strand,
                            pathway,
                            null,
                            priority == null ? null : priority == Priority.PRIORITY ? 48 : 120,
                            reasons.stream().map(c -> new Reason(c, null)).toList(),
                            "2017-1",
                            receivedAt,
                            source,
                            receivedAt,
                            receivedAt,
                            firstReceivedAt,
                            area,
                            new ReferralDecided.CrimeFacts(category, hateStrands),
                            riskLevel,
                            ageBand,
                            gender,
                            Consent.EXPLICIT,
                            howHeard)
                    .withRevision(revision);
            return new Sent(Topics.REFERRALS_TRIAGED, referralId.toString(), d.toEnvelope());
        }
    }

    /** A case's facts, mutated between events like contact-sla-service does, each event with the next sequence. */
    public static final class Case {
        final UUID referralId;
        long sequence;
        Source source = Source.ADT;
        CaseStatus status = CaseStatus.OPEN;
        Priority priority;
        Strand strand;
        Pathway pathway;
        String area = "Preston";
        ClockState clockState = ClockState.RUNNING;
        Instant startedAt;
        long pausedSeconds;
        Instant firstContactAt;
        String worker;
        Integer capacity = 40;

        public Case(UUID referralId, Priority priority, Strand strand, Pathway pathway, Instant startedAt) {
            this.referralId = referralId;
            this.priority = priority;
            this.strand = strand;
            this.pathway = pathway;
            this.startedAt = startedAt;
        }

        public Case capacity(int c) {
            capacity = c;
            return this;
        }

        public Case area(String a) {
            area = a;
            return this;
        }

        public Case paused(long seconds) {
            pausedSeconds = seconds;
            return this;
        }

        private Sent event(
                String type,
                Instant at,
                ContactChannel channel,
                ContactOutcome outcome,
                List<SupportType> support,
                OnwardService service,
                OutcomeStage stage,
                Map<String, Integer> scores) {
            sequence++;
            int target = priority == Priority.PRIORITY ? 48 : 120;
            CaseEvent e = new CaseEvent(
                    referralId,
                    sequence,
                    at,
                    channel,
                    outcome,
                    support,
                    "handler",
                    service,
                    stage,
                    scores,
                    null,
                    source,
                    status,
                    priority,
                    strand,
                    pathway,
                    area,
                    clockState,
                    startedAt,
                    startedAt.plusSeconds(target * 3600L + pausedSeconds),
                    target,
                    pausedSeconds,
                    firstContactAt,
                    worker,
                    capacity);
            return new Sent(Topics.CASES_EVENTS, referralId.toString(), e.toEnvelope(type));
        }

        public Sent opened() {
            return event(EventTypes.CASE_OPENED, startedAt, null, null, null, null, null, null);
        }

        public Sent contact(Instant at, ContactChannel channel, ContactOutcome outcome, SupportType... support) {
            if (outcome.isContactMade() && firstContactAt == null) {
                firstContactAt = at;
            }
            return event(EventTypes.CONTACT_RECORDED, at, channel, outcome, List.of(support), null, null, null);
        }

        public Sent clock(String type, ClockState state, Instant at) {
            clockState = state;
            return event(type, at, null, null, null, null, null, null);
        }

        public Sent status(CaseStatus newStatus, Instant at) {
            status = newStatus;
            return event(EventTypes.CASE_UPDATED, at, null, null, null, null, null, null);
        }

        public Sent assign(String newWorker, Instant at) {
            worker = newWorker;
            return event(EventTypes.CASE_ASSIGNED, at, null, null, null, null, null, null);
        }

        public Sent service(String type, OnwardService service, Instant at) {
            return event(type, at, null, null, null, service, null, null);
        }

        public Sent outcome(OutcomeStage stage, int wellbeing, Instant at) {
            return event(
                    EventTypes.OUTCOME_RECORDED,
                    at,
                    null,
                    null,
                    null,
                    null,
                    stage,
                    Map.of("wellbeing", wellbeing, "safety", 5));
        }
    }

    public static Sent intake(String source, long feedSequence, IntakeStatus status, Instant at) {
        IntakeRecorded r = new IntakeRecorded(
                "rec-" + UUID.randomUUID(),
                status == IntakeStatus.REJECTED ? null : UUID.randomUUID(),
                source,
                "REF-" + feedSequence,
                1,
                feedSequence,
                "batch-1",
                status,
                List.of(),
                at);
        return new Sent(Topics.REFERRALS_INTAKE, source, r.toEnvelope());
    }
}

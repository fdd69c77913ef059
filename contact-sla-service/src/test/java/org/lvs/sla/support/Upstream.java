package org.lvs.sla.support;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.lvs.contract.Topics;
import org.lvs.contract.casework.CaseStatus;
import org.lvs.contract.event.ReferralDecided;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.contract.referral.Address;
import org.lvs.contract.referral.AgeBand;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.Crime;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.Gender;
import org.lvs.contract.referral.HateStrand;
import org.lvs.contract.referral.PreferredContact;
import org.lvs.contract.referral.Referral;
import org.lvs.contract.referral.RiskLevel;
import org.lvs.contract.referral.Safeguarding;
import org.lvs.contract.referral.Source;
import org.lvs.contract.referral.Victim;
import org.lvs.contract.referral.Vulnerability;
import org.lvs.contract.triage.DataIssue;
import org.lvs.contract.triage.DecisionOutcome;
import org.lvs.contract.triage.Pathway;
import org.lvs.contract.triage.Priority;
import org.lvs.contract.triage.Reason;
import org.lvs.contract.triage.Strand;
import org.lvs.infra.test.TestClockProducer;
import org.lvs.infra.test.TopicProbe;

/** What triage and ingest would publish, built with defaults and sent onto the real topics. */
public final class Upstream {

    private Upstream() {}

    public static Decision decision() {
        return new Decision();
    }

    /** A decision with defaults: a PRIORITY domestic-abuse case, OPEN, 48 h, received now. */
    public static final class Decision {
        public UUID referralId = UUID.randomUUID();
        public int version = 1;
        public int revision;
        public DecisionOutcome outcome = DecisionOutcome.CASE_OPENED;
        public CaseStatus caseStatus = CaseStatus.OPEN;
        public DataIssue dataIssue;
        public Priority priority = Priority.PRIORITY;
        public Strand strand = Strand.DOMESTIC_ABUSE;
        public Pathway pathway = Pathway.IDVA;
        public Integer target = 48;
        public Instant receivedAt = TestClockProducer.CLOCK.instant().truncatedTo(ChronoUnit.MILLIS);
        public String area = "LANCS-" + UUID.randomUUID();
        public Consent consent = Consent.EXPLICIT;
        public ReferralDecided.CrimeFacts crime =
                new ReferralDecided.CrimeFacts(CrimeCategory.DOMESTIC_ABUSE, List.of());
        public List<Reason> reasons = List.of();
        public AgeBand ageBand;

        public Decision id(UUID id) {
            this.referralId = id;
            return this;
        }

        public Decision version(int v) {
            this.version = v;
            return this;
        }

        public Decision revision(int r) {
            this.revision = r;
            return this;
        }

        public Decision status(CaseStatus s) {
            this.caseStatus = s;
            if (s == CaseStatus.AWAITING_CONSENT) {
                consent = Consent.IMPLIED;
            }
            if (s == CaseStatus.AWAITING_INFORMATION) {
                dataIssue = DataIssue.INSUFFICIENT_DATA;
            }
            return this;
        }

        public Decision declined() {
            outcome = DecisionOutcome.DECLINED_NO_CONSENT;
            dataIssue = DataIssue.NO_CONSENT;
            consent = Consent.REFUSED;
            caseStatus = null;
            priority = null;
            strand = null;
            pathway = null;
            target = null;
            return this;
        }

        public Decision standard() {
            priority = Priority.STANDARD;
            target = 120;
            return this;
        }

        public Decision route(Strand s, Pathway p) {
            strand = s;
            pathway = p;
            return this;
        }

        public Decision receivedAt(Instant at) {
            receivedAt = at;
            return this;
        }

        public Decision crime(CrimeCategory category, HateStrand... strands) {
            crime = new ReferralDecided.CrimeFacts(category, List.of(strands));
            return this;
        }

        public Decision reasons(Reason... r) {
            reasons = List.of(r);
            return this;
        }

        public Decision ageBand(AgeBand band) {
            ageBand = band;
            return this;
        }

        public Decision area(String a) {
            area = a;
            return this;
        }

        public ReferralDecided build() {
            return new ReferralDecided(
                            referralId,
                            "SR-" + referralId,
                            version,
                            outcome,
                            caseStatus,
                            dataIssue,
                            priority,
                            strand,
                            pathway,
                            null,
                            target,
                            reasons,
                            "2017-1",
                            receivedAt,
                            Source.ADT,
                            receivedAt,
                            receivedAt,
                            receivedAt,
                            area,
                            crime,
                            RiskLevel.HIGH,
                            ageBand,
                            Gender.FEMALE,
                            consent,
                            null)
                    .withRevision(revision);
        }

        public Decision send() {
            TopicProbe.send(Topics.REFERRALS_TRIAGED, referralId.toString(), build().toEnvelope());
            return this;
        }
    }

    /** Every test victim's date of birth (search terms need a full name with a date of birth or a postcode). */
    public static final LocalDate DATE_OF_BIRTH = LocalDate.of(1987, 3, 14);

    /** The test victim's email address: one per referral, so a search by email finds one case. */
    public static String emailOf(UUID referralId) {
        return "victim-" + referralId.toString().substring(0, 8) + "@example.org";
    }

    /** The consented victim's referral as referrals.received carries it. */
    public static ReferralReceived received(
            UUID referralId,
            int version,
            String firstName,
            String lastName,
            String phone,
            String personRef,
            Consent consent) {
        return received(
                referralId, version, firstName, lastName, phone, personRef, consent, List.of(), Safeguarding.SAFE);
    }

    /** As {@link #received}, with the victim's vulnerabilities and safeguarding. */
    public static ReferralReceived received(
            UUID referralId,
            int version,
            String firstName,
            String lastName,
            String phone,
            String personRef,
            Consent consent,
            List<Vulnerability> vulnerabilities,
            Safeguarding safeguarding) {
        Instant at = TestClockProducer.CLOCK.instant();
        Victim victim = new Victim(
                personRef,
                firstName,
                lastName,
                DATE_OF_BIRTH,
                null,
                Gender.FEMALE,
                phone,
                emailOf(referralId),
                new Address("1 High Street", null, "Preston", "PR1 1AA"),
                PreferredContact.PHONE,
                vulnerabilities,
                AgeBand.FROM_25_TO_34);
        Referral referral = new Referral(
                Source.ADT,
                "SR-" + referralId,
                version,
                null,
                at,
                at,
                "LANCS",
                new Crime(CrimeCategory.DOMESTIC_ABUSE, List.of(), "a description"),
                victim,
                consent,
                RiskLevel.HIGH,
                safeguarding,
                null,
                null);
        return new ReferralReceived(referralId, version, at, at, referral.asPublishable());
    }

    public static void send(ReferralReceived r) {
        TopicProbe.send(Topics.REFERRALS_RECEIVED, r.referralId().toString(), r.toEnvelope());
    }
}

package org.lvs.ingest.messaging;

import java.util.UUID;
import org.lvs.commons.messaging.OutgoingEvent;
import org.lvs.contract.Topics;
import org.lvs.contract.event.IntakeRecorded;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.contract.referral.Referral;
import org.lvs.ingest.service.Decision;

/** The events one record produces at the edge: its referral version and its intake record. */
public final class IngestEvents {

    /** Intake key of a record that names no usable source. */
    public static final String UNKNOWN_SOURCE = "UNKNOWN";

    private IngestEvents() {
    }

    /** {@code referrals.received}, keyed by referralId; the referral is already minimised without consent. */
    public static OutgoingEvent received(Decision d) {
        Referral r = d.record().referral();
        Referral asReceived = new Referral(r.source(), r.sourceReference(), r.version(), r.feedSequence(),
                r.recordedAt(), d.receivedAt(), r.area(), r.crime(), r.victim(), r.consent(), r.riskLevel(),
                r.safeguarding(), r.howHeard(), r.howHeardDetail());
        ReferralReceived payload = new ReferralReceived(d.referralId(), r.version(), d.receivedAt(),
                d.firstReceivedAt(), asReceived);
        return new OutgoingEvent(Topics.REFERRALS_RECEIVED, d.referralId().toString(), payload.toEnvelope());
    }

    /**
     * {@code referrals.intake}, keyed by source, without personal data (for rejections: field names and messages,
     * never values). A first publication of a version has a record id derived from the version, so a retry after a
     * failure carries the same event id; every other result is one record of this request.
     */
    public static OutgoingEvent intake(Decision d, String requestId, String batchId) {
        String recordId = d.publish()
                ? "version|" + d.referralId() + "|" + d.record().referral().version()
                : "request|" + requestId + "|" + d.index();
        String source = d.record().source() != null ? d.record().source().name()
                : d.record().sourceText() != null && !d.record().sourceText().isBlank() ? d.record().sourceText()
                : UNKNOWN_SOURCE;
        UUID referralId = d.referralId();
        IntakeRecorded payload = new IntakeRecorded(recordId, referralId, source, d.record().sourceReference(),
                d.record().version(), d.record().feedSequence(), batchId, d.status().intakeStatus(), d.errors(),
                d.receivedAt());
        return new OutgoingEvent(Topics.REFERRALS_INTAKE, source, payload.toEnvelope());
    }
}

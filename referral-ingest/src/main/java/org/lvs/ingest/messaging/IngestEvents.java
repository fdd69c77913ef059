package org.lvs.ingest.messaging;

import java.util.UUID;
import org.lvs.commons.messaging.OutgoingEvent;
import org.lvs.contract.Topics;
import org.lvs.contract.event.IntakeRecorded;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.contract.referral.Referral;
import org.lvs.ingest.domain.FieldRules;
import org.lvs.ingest.service.IntakeVerdict;

/** The events one record produces at the edge: its referral version and its intake record. */
public final class IngestEvents {

    /** Intake key of a record that names no usable source. */
    public static final String UNKNOWN_SOURCE = "UNKNOWN";

    private IngestEvents() {}

    /** {@code referrals.received}, keyed by referralId; the referral is already minimised without consent. */
    public static OutgoingEvent received(IntakeVerdict d) {
        Referral r = d.record().referral();
        Referral asReceived = new Referral(
                r.source(),
                r.sourceReference(),
                r.version(),
                r.feedSequence(),
                r.recordedAt(),
                d.receivedAt(),
                r.area(),
                r.crime(),
                r.victim(),
                r.consent(),
                r.riskLevel(),
                r.safeguarding(),
                r.howHeard(),
                r.howHeardDetail());
        ReferralReceived payload =
                new ReferralReceived(d.referralId(), r.version(), d.receivedAt(), d.firstReceivedAt(), asReceived);
        return new OutgoingEvent(Topics.REFERRALS_RECEIVED, d.referralId().toString(), payload.toText());
    }

    /**
     * {@code referrals.intake}, keyed by source, without personal data and with validated values only (README, "How
     * rejections are reported"): the source when it is a valid {@code Source} (else null, keyed {@value
     * #UNKNOWN_SOURCE}), the sourceReference when it matches the contract's pattern, the batchId when it is valid, the
     * feed number and version when they were valid, and for a rejection the field names with our own messages, never
     * the values sent. A first publication of a version has a record id derived from the version, so a retry after a
     * failure carries the same event id; every other result is one record of this request.
     */
    public static OutgoingEvent intake(IntakeVerdict d, String requestId, String batchId) {
        String recordId = d.publish()
                ? "version|" + d.referralId() + "|" + d.record().referral().version()
                : "request|" + requestId + "|" + d.index();
        String source = d.record().source() != null ? d.record().source().name() : null;
        String sourceReference = FieldRules.isSourceReference(d.record().sourceReference())
                ? d.record().sourceReference()
                : null;
        UUID referralId = d.referralId();
        IntakeRecorded payload = new IntakeRecorded(
                recordId,
                referralId,
                source,
                sourceReference,
                d.record().version(),
                d.record().feedSequence(),
                FieldRules.isBatchId(batchId) ? batchId : null,
                d.status().intakeStatus(),
                d.errors(),
                d.receivedAt());
        return new OutgoingEvent(Topics.REFERRALS_INTAKE, source != null ? source : UNKNOWN_SOURCE, payload.toText());
    }
}

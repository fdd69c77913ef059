package org.lvs.contract.referral;

import java.time.Instant;

/**
 * One referral as accepted at the edge (referral-contract.md, version 1). Ingest validates and normalises it;
 * {@code victim} may be null (a data issue, not an invalid request).
 */
public record Referral(
        Source source,
        String sourceReference,
        int version,
        Long feedSequence,
        Instant recordedAt,
        Instant receivedAt,
        String area,
        Crime crime,
        Victim victim,
        Consent consent,
        RiskLevel riskLevel,
        Safeguarding safeguarding,
        HowHeard howHeard,
        String howHeardDetail) {

    public Referral {
        safeguarding = safeguarding == null ? Safeguarding.SAFE : safeguarding;
    }

    /**
     * The referral as it may travel when consent is missing: only the fields referral-contract.md lists, and from the
     * victim only gender and age band. No name, date of birth, contact detail, address, description, personRef,
     * howHeardDetail or other free text.
     */
    public Referral minimised() {
        Crime bareCrime = crime == null ? null : new Crime(crime.category(), crime.hateStrands(), null);
        Victim bareVictim = victim == null ? null : victim.minimised();
        return new Referral(
                source,
                sourceReference,
                version,
                feedSequence,
                recordedAt,
                receivedAt,
                area,
                bareCrime,
                bareVictim,
                consent,
                null,
                Safeguarding.SAFE,
                null,
                null);
    }

    /** The referral as it may leave the edge: whole with consent, else {@link #minimised()}. */
    public Referral asPublishable() {
        return consent != null && consent.allowsPersonalData() ? this : minimised();
    }
}

package org.lvs.ingest.domain;

import org.lvs.contract.event.EventJson;
import org.lvs.contract.referral.Referral;

/**
 * The fingerprint that tells "the same version again" from "the same version changed": SHA-256 of the canonical JSON
 * of the referral as it may travel. {@code receivedAt} and {@code feedSequence} are left out: they describe the
 * delivery, not the record (a resent record carries a new feed number). Only the hash is stored, never the content.
 */
public final class ContentHash {

    private ContentHash() {}

    public static String of(Referral publishable) {
        Referral content = new Referral(
                publishable.source(),
                publishable.sourceReference(),
                publishable.version(),
                null,
                publishable.recordedAt(),
                null,
                publishable.area(),
                publishable.crime(),
                publishable.victim(),
                publishable.consent(),
                publishable.riskLevel(),
                publishable.safeguarding(),
                publishable.howHeard(),
                publishable.howHeardDetail());
        return Sha256.hex(EventJson.write(content));
    }
}

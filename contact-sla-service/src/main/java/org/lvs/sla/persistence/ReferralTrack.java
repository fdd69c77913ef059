package org.lvs.sla.persistence;

import java.util.UUID;

/**
 * The newest versions seen of a referral on each topic, so a late older version never overrides a newer one. Read
 * locked and written back by {@link ReferralTracks} in one statement a batch; it remembers what it was read as, so
 * only a tracker that moved is written.
 */
public final class ReferralTrack {

    private final UUID referralId;
    private final int readDecisionVersion;
    private final int readDecisionRevision;
    private final int readReceivedVersion;
    private final boolean readErased;

    private int decisionVersion;
    /** The revision of that version's decision (a re-decision supersedes the first like an amendment). */
    private int decisionRevision;

    private int receivedVersion;
    /** Personal data was erased (consent withdrawn or an admin's erasure): never store it again. */
    private boolean erased;

    ReferralTrack(UUID referralId, int decisionVersion, int decisionRevision, int receivedVersion, boolean erased) {
        this.referralId = referralId;
        this.readDecisionVersion = this.decisionVersion = decisionVersion;
        this.readDecisionRevision = this.decisionRevision = decisionRevision;
        this.readReceivedVersion = this.receivedVersion = receivedVersion;
        this.readErased = this.erased = erased;
    }

    public UUID referralId() {
        return referralId;
    }

    public int decisionVersion() {
        return decisionVersion;
    }

    public int decisionRevision() {
        return decisionRevision;
    }

    public int receivedVersion() {
        return receivedVersion;
    }

    public boolean erased() {
        return erased;
    }

    public void decisionSeen(int version, int revision) {
        decisionVersion = version;
        decisionRevision = revision;
    }

    public void receivedSeen(int version) {
        receivedVersion = version;
    }

    public void markErased() {
        erased = true;
    }

    /** True when something changed since it was read. */
    boolean moved() {
        return decisionVersion != readDecisionVersion
                || decisionRevision != readDecisionRevision
                || receivedVersion != readReceivedVersion
                || erased != readErased;
    }
}

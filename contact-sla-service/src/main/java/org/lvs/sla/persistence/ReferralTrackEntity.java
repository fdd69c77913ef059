package org.lvs.sla.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** The newest versions seen of a referral on each topic, so a late older version never overrides a newer one. */
@Entity
@Table(name = "referral_track")
public class ReferralTrackEntity {

    @Id
    @Column(name = "referral_id")
    public UUID referralId;

    @Column(name = "decision_version")
    public int decisionVersion;
    /** The revision of that version's decision (a re-decision supersedes the first like an amendment). */
    @Column(name = "decision_revision")
    public int decisionRevision;

    @Column(name = "received_version")
    public int receivedVersion;

    public boolean erased;
}

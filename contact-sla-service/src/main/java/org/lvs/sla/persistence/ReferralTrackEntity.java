package org.lvs.sla.persistence;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** The newest versions seen of a referral on each topic, so a late older version never overrides a newer one. */
@Entity
@Table(name = "referral_track")
public class ReferralTrackEntity {

    @Id
    public UUID referralId;

    public int decisionVersion;
    /** The revision of that version's decision (a re-decision supersedes the first like an amendment). */
    public int decisionRevision;

    public int receivedVersion;

    public boolean erased;
}

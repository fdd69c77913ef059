package org.lvs.triage.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One decided referral version (no personal data); {@code payload} is the published {@code ReferralDecided}. */
@Entity
@Table(name = "decision")
public class DecisionEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "referral_id", nullable = false)
    public UUID referralId;

    @Column(nullable = false)
    public int version;

    /** 0 for the first decision of a version; each re-decision of the same version adds one. */
    @Column(nullable = false)
    public int revision;

    @Column(nullable = false)
    public String source;

    /** Null once the referral's personal data was erased. */
    @Column(name = "source_reference")
    public String sourceReference;

    @Column(nullable = false)
    public String outcome;

    @Column(name = "data_issue")
    public String dataIssue;

    /** Reason codes in order, comma-separated. */
    @Column(name = "reason_codes", nullable = false)
    public String reasonCodes;

    /** Names of missing or invalid fields, comma-separated (empty unless the police should act). */
    @Column(name = "missing_fields", nullable = false)
    public String missingFields;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "decided_at", nullable = false)
    public Instant decidedAt;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(nullable = false)
    public String payload;
}

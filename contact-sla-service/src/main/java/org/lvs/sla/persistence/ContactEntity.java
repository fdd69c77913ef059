package org.lvs.sla.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.lvs.contract.casework.ContactChannel;
import org.lvs.contract.casework.ContactOutcome;

/** One contact or contact attempt; its note is kept apart in {@link NoteEntity}. */
@Entity
@Table(name = "case_contact")
public class ContactEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "referral_id")
    public UUID referralId;

    public Instant at;

    @Enumerated(EnumType.STRING)
    public ContactChannel channel;

    @Enumerated(EnumType.STRING)
    public ContactOutcome outcome;

    @Column(name = "contact_made")
    public boolean contactMade;
    /** Comma-separated {@code SupportType} names. */
    @Column(name = "support_types")
    public String supportTypes;

    public String handler;

    @Column(name = "recorded_by")
    public String recordedBy;

    @Column(name = "recorded_at")
    public Instant recordedAt;
}

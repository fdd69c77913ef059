package org.lvs.sla.persistence;

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

    public UUID referralId;

    public Instant at;

    @Enumerated(EnumType.STRING)
    public ContactChannel channel;

    @Enumerated(EnumType.STRING)
    public ContactOutcome outcome;

    public boolean contactMade;
    /** Comma-separated {@code SupportType} names. */
    public String supportTypes;

    public String handler;

    public String recordedBy;

    public Instant recordedAt;
}

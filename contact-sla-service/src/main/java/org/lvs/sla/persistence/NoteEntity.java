package org.lvs.sla.persistence;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Free text written about a case (a contact's note, a screening note, a regrade's reason). Personal data. */
@Entity
@Table(name = "case_note")
public class NoteEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public UUID referralId;

    public String kind;

    public Long refId;

    public Instant at;
    public String text;
}

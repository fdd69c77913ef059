package org.lvs.sla.persistence;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One change to a case: who, what, when it happened ({@code at}) and when it was recorded. No personal data. */
@Entity
@Table(name = "case_audit")
public class AuditEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public UUID referralId;

    public Instant at;

    public Instant recordedAt;

    public String actor;
    public String action;
    public String detail;
}

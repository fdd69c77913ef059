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
import org.lvs.contract.casework.OnwardService;

/** A request to an onward support service and when it started: the service's waiting time. */
@Entity
@Table(name = "case_service")
public class ServiceRequestEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public UUID referralId;

    @Enumerated(EnumType.STRING)
    public OnwardService service;

    public Instant requestedAt;

    public Instant startedAt;
}

package org.lvs.sla.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.lvs.contract.triage.Pathway;
import org.lvs.sla.config.SlaConfig;

/** Caseload capacity of each pathway (defaults 40 ISVA/IDVA/IVA, 35 NEST, 60 CORE and partner pathways). */
@ApplicationScoped
public class CapacityPolicy {

    @Inject
    SlaConfig config;

    public Integer of(Pathway pathway) {
        if (pathway == null) {
            return null;
        }
        SlaConfig.Capacity c = config.capacity();
        return switch (pathway) {
            case ISVA -> c.isva();
            case IDVA -> c.idva();
            case IVA -> c.iva();
            case NEST -> c.nest();
            case CORE -> c.core();
            case HATE_CRIME_PARTNER -> c.partner();
        };
    }
}

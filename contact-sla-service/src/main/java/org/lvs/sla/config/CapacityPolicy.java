package org.lvs.sla.config;

import jakarta.enterprise.context.ApplicationScoped;
import org.lvs.contract.triage.Pathway;

/** Caseload capacity of each pathway (defaults 40 ISVA/IDVA/IVA, 35 NEST, 60 CORE and partner pathways). */
@ApplicationScoped
public class CapacityPolicy {

    private final SlaConfig config;

    CapacityPolicy(SlaConfig config) {
        this.config = config;
    }

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

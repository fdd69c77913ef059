package org.lvs.triage.config;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Works around a name clash in service-commons' outbox monitor: the counter {@code lvs_outbox_quarantined_total} and
 * the gauge {@code lvs_outbox_quarantined} are one Prometheus metric family, so the Prometheus registry refuses the
 * second, the monitor bean cannot be created, and the outbox relay publishes nothing. Renaming the counter here (as
 * contact-sla-service does, to the same name) keeps both; remove this once commons renames it.
 */
@ApplicationScoped
public class MeterNames {

    static final String CLASHING_COUNTER = "lvs_outbox_quarantined_total";
    static final String RENAMED_COUNTER = "lvs_outbox_quarantine_moves_total";

    @Produces
    @Singleton
    MeterFilter outboxCounterName() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return CLASHING_COUNTER.equals(id.getName()) ? id.withName(RENAMED_COUNTER) : id;
            }
        };
    }
}

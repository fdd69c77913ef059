package org.lvs.ingest.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.lvs.ingest.config.IngestConfig;
import org.lvs.ingest.domain.ReferralValidator;

/** The contract validator wired to the configured areas and the injected clock. */
@ApplicationScoped
public class ReferralValidators {

    private final IngestConfig config;
    private final Clock clock;

    ReferralValidators(IngestConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public ReferralValidator validator() {
        return new ReferralValidator(config.areas(), clock, config.recordedAtFutureTolerance());
    }
}

package org.lvs.ingest.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.lvs.ingest.config.IngestConfig;
import org.lvs.ingest.domain.ReferralValidator;

/** The contract validator wired to the configured areas and the injected clock. */
@ApplicationScoped
public class ReferralValidators {

    @Inject
    IngestConfig config;
    @Inject
    Clock clock;

    public ReferralValidator validator() {
        return new ReferralValidator(config.areas(), clock, config.recordedAtFutureTolerance());
    }
}

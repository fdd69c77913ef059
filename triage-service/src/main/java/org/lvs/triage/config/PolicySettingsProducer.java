package org.lvs.triage.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.HateStrand;
import org.lvs.triage.domain.PolicySettings;

/** Turns {@code lvs.triage.*} into the pure policy's settings once, failing at start on an unknown hate strand. */
public class PolicySettingsProducer {

    @Produces
    @Singleton
    PolicySettings policySettings(TriageConfig config) {
        return toSettings(config);
    }

    static PolicySettings toSettings(TriageConfig config) {
        Map<HateStrand, String> providers = new EnumMap<>(HateStrand.class);
        config.hateCrimeProviders().forEach((strand, provider) -> {
            try {
                providers.put(HateStrand.valueOf(strand.trim().toUpperCase()), provider.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("lvs.triage.hate-crime-providers: unknown hate strand " + strand, e);
            }
        });
        return new PolicySettings(
                config.mostSeriousCrimes().isEmpty()
                        ? EnumSet.noneOf(CrimeCategory.class)
                        : EnumSet.copyOf(config.mostSeriousCrimes()),
                config.targets().priorityHours(),
                config.targets().standardHours(),
                providers,
                config.defaultHateCrimeProvider(),
                Duration.ofDays(config.repeat().windowDays()),
                config.repeat().count(),
                config.policyVersion());
    }
}

package org.lvs.triage.domain;

import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.HateStrand;

/**
 * The configurable numbers and lists of the triage policy (triage-policy.md section 8), as plain values so the policy
 * stays a pure function. {@link #defaults()} are exactly the spec's values; the service builds its settings from
 * {@code lvs.triage.*} configuration.
 *
 * @param mostSeriousCrimes   categories that make a referral {@code PRIORITY}
 * @param priorityTargetHours contact target for {@code PRIORITY}
 * @param standardTargetHours contact target for {@code STANDARD}
 * @param hateCrimeProviders  provider per first hate strand
 * @param defaultHateProvider provider when the first strand has none configured, or no strand is listed
 * @param repeatWindow        how far back other referrals of the same victim count
 * @param repeatCount         how many other referrals in the window make a victim persistently targeted
 * @param policyVersion       carried by every decision, so a changed policy is visible
 */
public record PolicySettings(
        Set<CrimeCategory> mostSeriousCrimes,
        int priorityTargetHours,
        int standardTargetHours,
        Map<HateStrand, String> hateCrimeProviders,
        String defaultHateProvider,
        Duration repeatWindow,
        int repeatCount,
        String policyVersion) {

    public static final String DEFAULT_POLICY_VERSION = "2017-1";
    public static final int DEFAULT_PRIORITY_TARGET_HOURS = 48;
    public static final int DEFAULT_STANDARD_TARGET_HOURS = 120;
    public static final int DEFAULT_REPEAT_WINDOW_DAYS = 365;
    public static final int DEFAULT_REPEAT_COUNT = 2;
    public static final String DEFAULT_HATE_PROVIDER = "CORE";

    public PolicySettings {
        mostSeriousCrimes = mostSeriousCrimes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(mostSeriousCrimes));
        hateCrimeProviders = Map.copyOf(hateCrimeProviders);
        Objects.requireNonNull(defaultHateProvider, "defaultHateProvider");
        Objects.requireNonNull(repeatWindow, "repeatWindow");
        Objects.requireNonNull(policyVersion, "policyVersion");
    }

    public static Set<CrimeCategory> defaultMostSeriousCrimes() {
        return CrimeCategory.mostSeriousByDefault();
    }

    public static Map<HateStrand, String> defaultHateCrimeProviders() {
        Map<HateStrand, String> providers = new EnumMap<>(HateStrand.class);
        providers.put(HateStrand.RELIGION, "LANCASHIRE_COUNCIL_OF_MOSQUES");
        providers.put(HateStrand.DISABILITY, "DENW");
        providers.put(HateStrand.SEXUAL_ORIENTATION, "RENAISSANCE");
        providers.put(HateStrand.TRANSGENDER, "RENAISSANCE");
        return providers;
    }

    /** The spec's defaults (policy 2017-1). */
    public static PolicySettings defaults() {
        return new PolicySettings(
                defaultMostSeriousCrimes(),
                DEFAULT_PRIORITY_TARGET_HOURS,
                DEFAULT_STANDARD_TARGET_HOURS,
                defaultHateCrimeProviders(),
                DEFAULT_HATE_PROVIDER,
                Duration.ofDays(DEFAULT_REPEAT_WINDOW_DAYS),
                DEFAULT_REPEAT_COUNT,
                DEFAULT_POLICY_VERSION);
    }

    /** The provider of a hate-crime case: by the first listed strand, else the default. */
    public String hateCrimeProvider(HateStrand firstStrand) {
        return firstStrand == null
                ? defaultHateProvider
                : hateCrimeProviders.getOrDefault(firstStrand, defaultHateProvider);
    }
}

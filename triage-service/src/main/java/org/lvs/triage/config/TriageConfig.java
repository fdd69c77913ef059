package org.lvs.triage.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.lvs.contract.referral.CrimeCategory;

/**
 * The triage policy's configuration (triage-policy.md section 8). Every default is the spec's value; a changed policy
 * must also change {@link #policyVersion()}, so every decision shows which policy made it.
 */
@ConfigMapping(prefix = "lvs.triage")
public interface TriageConfig {

    /** Carried by every decision. */
    @WithDefault("2017-1")
    String policyVersion();

    /** Categories that make a referral PRIORITY. */
    @WithDefault("DOMESTIC_ABUSE,SEXUAL_OFFENCE,HATE_CRIME,TERRORISM,BEREAVED_BY_HOMICIDE,ATTEMPTED_MURDER,"
            + "HUMAN_TRAFFICKING,KIDNAP_FALSE_IMPRISONMENT,ARSON_ENDANGER_LIFE")
    List<CrimeCategory> mostSeriousCrimes();

    Targets targets();

    /**
     * Hate-crime provider by the first listed hate strand ({@code lvs.triage.hate-crime-providers.RELIGION=...});
     * the spec's entries are in application.properties.
     */
    Map<String, String> hateCrimeProviders();

    /** Provider for any other first strand, or none. */
    @WithDefault("CORE")
    String defaultHateCrimeProvider();

    Repeat repeat();

    /**
     * Key of the HMAC-SHA256 hashes of victim identities. The default serves local runs only; production sets
     * {@code LVS_IDENTITY_HASH_KEY}. Changing it makes earlier referrals unrecognisable (they stop counting).
     */
    @WithDefault("lvs-local-identity-hash-key-not-for-production")
    String identityHashKey();

    /**
     * How long a decision transaction waits for another one's lock (a referral or victim being decided elsewhere)
     * before PostgreSQL gives up with SQLSTATE 55P03: a transient failure the batch consumer waits out and retries, so
     * a stuck neighbour shows up as "waiting" on liveness instead of a silently blocked thread.
     */
    @WithDefault("10s")
    Duration lockTimeout();

    IdentityRetention identityRetention();

    interface IdentityRetention {
        /**
         * Slack for referrals that arrive late: an identity recorded at t is deleted only once the newest referral
         * decided was recorded after t + the repeat window + this grace, and only when it was stored at least this
         * long ago (README, "Erasure and retention").
         */
        @WithDefault("P30D")
        Duration grace();

        /** How often the retention job runs ({@code off} disables it; tests run it by hand). */
        @WithDefault("1h")
        String every();
    }

    interface Targets {
        /** Hours to first contact for PRIORITY. */
        @WithDefault("48")
        int priorityHours();

        /** Hours to first contact for STANDARD. */
        @WithDefault("120")
        int standardHours();
    }

    interface Repeat {
        /** Other referrals recorded within this many days before this one count. */
        @WithDefault("365")
        int windowDays();

        /** This many other referrals in the window make a victim persistently targeted. */
        @WithDefault("2")
        int count();
    }
}

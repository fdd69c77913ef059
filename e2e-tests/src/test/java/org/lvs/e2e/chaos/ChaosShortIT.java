package org.lvs.e2e.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lvs.e2e.chaos.ChaosRun.Step;

/**
 * The short chaos suite of {@code ./mvnw verify} (issue 10, item 9): a replay of 2,500 referrals through the batch
 * API while triage and contact-sla are killed with -9, PostgreSQL is frozen for 20 s, every database connection is
 * cut, and the broker restarts; then nothing is lost, duplicated or dead-lettered, lag and outbox are 0, and every
 * service is ready and live. The long suite is {@link ChaosLongIT}.
 */
class ChaosShortIT {

    @Test
    void replaySurvivesKillsAFrozenDatabaseCutConnectionsAndABrokerRestart() throws Exception {
        ChaosRun run = new ChaosRun(
                "short",
                2_500,
                50,
                Duration.ofSeconds(60),
                List.of(
                        Step.at(3, stack -> stack.killAndRestart("triage-service")),
                        Step.at(10, stack -> stack.killAndRestart("contact-sla-service")),
                        Step.at(20, stack -> stack.freezeDatabase(Duration.ofSeconds(20))),
                        Step.at(44, ChaosStack::resetDatabaseConnections),
                        Step.at(50, ChaosStack::restartBroker)),
                null,
                Duration.ofMinutes(4));

        ChaosRun.Result result = run.run();

        assertEquals(List.of(), result.refused(), "valid referrals refused for good");
        assertEquals(result.expected(), result.accepted(), "referrals the replay could not get accepted");
        assertEquals(List.of(), result.problems(), result.summary());
    }
}

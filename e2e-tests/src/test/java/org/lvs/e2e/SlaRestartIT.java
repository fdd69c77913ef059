package org.lvs.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.EventTypes;
import org.lvs.infra.test.TestTokens;
import org.lvs.infra.test.TopicProbe;

/**
 * Historical replay through the public API, then a restart of contact-sla-service: the case received 60 hours ago
 * breaches within a minute, and its clock events exist exactly once, also after the service restarted.
 */
class SlaRestartIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void replayedCaseBreachesOnceAndARestartAddsNoSecondEvent() throws Exception {
        try (RunningStack stack =
                        RunningStack.start(List.of("referral-ingest", "triage-service", "contact-sla-service"));
                TopicProbe caseEvents = TopicProbe.open(Topics.CASES_EVENTS)) {
            Instant receivedAt = Instant.now().minus(60, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
            String referral = """
                    {"source":"MASH","sourceReference":"RESTART-%s","recordedAt":"%s","receivedAt":"%s",
                     "area":"EAST","crime":{"category":"DOMESTIC_ABUSE"},"riskLevel":"MEDIUM",
                     "victim":{"firstName":"Replay","lastName":"Victim","phone":"07700 900555"},
                     "consent":"EXPLICIT"}
                    """.formatted(UUID.randomUUID(), receivedAt.minus(1, ChronoUnit.HOURS), receivedAt);
            HttpResponse<String> accepted = http.send(
                    HttpRequest.newBuilder(URI.create(stack.url("referral-ingest") + "/api/v1/referrals"))
                            .header("Authorization", TestTokens.bearer(Roles.ADMIN))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(referral))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(202, accepted.statusCode(), accepted.body());
            String referralId = EventJson.mapper()
                    .readTree(accepted.body())
                    .get("referralId")
                    .asText();

            List<String> types = new ArrayList<>();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (!types.contains(EventTypes.SLA_BREACHED) && Instant.now().isBefore(deadline)) {
                types.addAll(clockEventsOf(referralId, caseEvents.awaitRecords(1, Duration.ofSeconds(1))));
            }
            assertEquals(
                    List.of(EventTypes.SLA_STARTED, EventTypes.SLA_AT_RISK, EventTypes.SLA_BREACHED),
                    types,
                    "the clock's events in order, each once");

            stack.restart("contact-sla-service");
            // Give the restarted detector several rounds (it runs every few seconds) to repeat anything it would.
            List<String> afterRestart = clockEventsOf(referralId, caseEvents.drain(Duration.ofSeconds(15)));
            assertEquals(List.of(), afterRestart, "clock events published again after the restart");
        }
    }

    private static List<String> clockEventsOf(String referralId, List<ConsumerRecord<String, String>> records) {
        List<String> types = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            EventEnvelope envelope = EventJson.read(record.value());
            if (envelope.type().startsWith("SLA_")
                    && referralId.equals(envelope.payload().path("referralId").asText())) {
                types.add(envelope.type());
            }
        }
        return types;
    }
}

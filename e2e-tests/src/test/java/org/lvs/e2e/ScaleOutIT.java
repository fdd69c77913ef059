package org.lvs.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.ReferralDecided;
import org.lvs.infra.test.TestTokens;
import org.lvs.infra.test.TopicProbe;

/**
 * Scaling out: two instances of triage-service in one consumer group share the partitions of referrals.received,
 * and every referral is decided exactly once.
 */
class ScaleOutIT {

    private static final int REFERRALS = 60;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void twoTriageInstancesDecideEveryReferralExactlyOnce() throws Exception {
        try (RunningStack stack = RunningStack.start(List.of("referral-ingest", "triage-service", "triage-service"));
                TopicProbe decisions = TopicProbe.open(Topics.REFERRALS_TRIAGED)) {
            Set<String> referralIds = new HashSet<>();
            String batchId = "scale-" + UUID.randomUUID();
            StringBuilder batch =
                    new StringBuilder("{\"batchId\":\"" + batchId + "\",\"source\":\"ADT\",\"referrals\":[");
            for (int i = 0; i < REFERRALS; i++) {
                batch.append(i == 0 ? "" : ",")
                        .append("""
                        {"sourceReference":"%s-%d","recordedAt":"%s","area":"NORTH",
                         "crime":{"category":"THEFT"},"victim":{"firstName":"Test","lastName":"Victim%d",
                         "phone":"07700 900%03d"},"consent":"EXPLICIT"}""".formatted(batchId, i, Instant.now().minus(2, ChronoUnit.HOURS), i, i));
            }
            batch.append("]}");
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create(stack.url("referral-ingest") + "/api/v1/referrals/batch"))
                            .header("Authorization", TestTokens.bearer(Roles.REFERRER))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(batch.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            EventJson.mapper()
                    .readTree(answer.body())
                    .get("results")
                    .forEach(result -> referralIds.add(result.get("referralId").asText()));
            assertEquals(REFERRALS, referralIds.size());

            Map<String, Integer> decisionsPerReferral = new HashMap<>();
            Set<UUID> eventIds = new HashSet<>();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (decisionsPerReferral.size() < REFERRALS && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : decisions.awaitRecords(REFERRALS, Duration.ofSeconds(2))) {
                    EventEnvelope envelope = EventJson.read(record.value());
                    String referralId = envelope.payloadAs(ReferralDecided.class)
                            .referralId()
                            .toString();
                    if (referralIds.contains(referralId)) {
                        decisionsPerReferral.merge(referralId, 1, Integer::sum);
                        eventIds.add(envelope.eventId());
                    }
                }
            }
            // Let any late duplicate show itself before judging.
            for (ConsumerRecord<String, String> record : decisions.drain(Duration.ofSeconds(5))) {
                String referralId = EventJson.read(record.value())
                        .payloadAs(ReferralDecided.class)
                        .referralId()
                        .toString();
                if (referralIds.contains(referralId)) {
                    decisionsPerReferral.merge(referralId, 1, Integer::sum);
                }
            }
            assertEquals(REFERRALS, decisionsPerReferral.size(), "every referral decided");
            assertEquals(REFERRALS, eventIds.size());
            decisionsPerReferral.forEach((id, count) -> assertEquals(1, count, "decisions of " + id));
        }
    }
}

package org.lvs.e2e.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.lvs.contract.Roles;
import org.lvs.e2e.Api;
import org.lvs.e2e.KafkaTool;
import org.lvs.e2e.RunningStack;
import org.lvs.infra.test.TestTokens;

/** Whether the running system is healthy and still does its work: lag, health, and a referral reaching the figures. */
final class Pipeline {

    private final RunningStack stack;
    private final KafkaTool kafka;
    private final Api api = new Api(Duration.ofSeconds(30));

    Pipeline(RunningStack stack, KafkaTool kafka) {
        this.stack = stack;
        this.kafka = kafka;
    }

    /** Waits until every consumer group has consumed everything (lag 0, twice in a row a few seconds apart). */
    void awaitCaughtUp(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        int quiet = 0;
        List<String> lagging = List.of();
        while (Instant.now().isBefore(deadline)) {
            lagging = kafka.laggingPartitions();
            quiet = lagging.isEmpty() ? quiet + 1 : 0;
            if (quiet >= 2) {
                return;
            }
            sleep(3_000);
        }
        fail("the consumers did not catch up within " + timeout.toSeconds() + " s: " + lagging);
    }

    /** Every service answers ready and live, checked several times over a few seconds. */
    void assertAllReadyAndLive() {
        for (int round = 0; round < 5; round++) {
            List<String> down = new ArrayList<>();
            for (String service : stack.instances()) {
                int ready = stack.health(service, "ready");
                int live = stack.health(service, "live");
                if (ready != 200 || live != 200) {
                    down.add(service + " (ready " + ready + ", live " + live + ")");
                }
            }
            if (!down.isEmpty()) {
                fail("not ready and live: " + down);
            }
            sleep(1_000);
        }
    }

    /**
     * A plain valid referral, received (admin replay) on {@code receivedAt}, so that the period around it holds only
     * what this test sends. Returns its referralId.
     */
    String submitValid(Instant receivedAt) throws IOException, InterruptedException {
        String referral = """
                {"source":"PARTNER","sourceReference":"EDGE-OK-%s","recordedAt":"%s","receivedAt":"%s",
                 "area":"WEST","crime":{"category":"ASSAULT"},
                 "victim":{"firstName":"Valid","lastName":"Person","phone":"07700 900777"},"consent":"EXPLICIT"}
                """.formatted(UUID.randomUUID(), receivedAt.minus(Duration.ofHours(1)), receivedAt);
        HttpResponse<String> answer = api.postJson(
                stack.url("referral-ingest") + "/api/v1/referrals", TestTokens.bearer(Roles.ADMIN), referral);
        assertEquals(202, answer.statusCode(), answer.body());
        return Api.json(answer).get("referralId").asText();
    }

    /** Waits until the figures of {@code period} count exactly {@code total} referrals. */
    void awaitFigure(String period, long total, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = api.get(
                        stack.url("metrics-service") + "/api/v1/metrics/summary?period=" + period,
                        TestTokens.bearer(Roles.OPS));
                if (response.statusCode() == 200) {
                    JsonNode summary = Api.json(response);
                    long counted = summary.path("referrals").path("total").asLong(-1);
                    if (counted == total) {
                        return;
                    }
                    last = "referrals.total " + counted;
                } else {
                    last = "HTTP " + response.statusCode();
                }
            } catch (IOException e) {
                last = e.toString();
            }
            sleep(1_000);
        }
        fail("the figures of " + period + " did not reach " + total + " within " + timeout.toSeconds() + " s: " + last);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

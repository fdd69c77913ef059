package org.lvs.tools.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.lvs.tools.feed.FeedJson;

/** Reads metrics-service's summary (role ops) for the demo's closing line. */
public final class Figures {

    private final String metrics;
    private final String authorization;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Figures(String metrics, String token) {
        this.metrics = metrics.endsWith("/") ? metrics.substring(0, metrics.length() - 1) : metrics;
        this.authorization = "Bearer " + token;
    }

    /** The summary of a period, or null when metrics-service does not answer 200. */
    public JsonNode summary(String period) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(metrics + "/api/v1/metrics/summary?period=" + period))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? FeedJson.MAPPER.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Waits until the figures stop moving: {@code eventsApplied} unchanged over three polls two seconds apart (the
     * pipeline has drained and breaches found by the clock have been counted). False after {@code timeout}.
     */
    public boolean awaitSettled(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        int same = 0;
        while (System.nanoTime() < deadline) {
            JsonNode s = summary("2017-18");
            String applied = s == null ? null : s.path("eventsApplied").asText(null);
            if (applied != null && applied.equals(last)) {
                if (++same >= 3) {
                    return true;
                }
            } else {
                same = 0;
            }
            last = applied;
            Thread.sleep(2000);
        }
        return false;
    }

    /** The headline of the quarter against the seed report. */
    public String headline() {
        JsonNode q2 = summary("2017-18-Q2");
        JsonNode q1 = summary("2017-18-Q1");
        if (q2 == null) {
            return "metrics-service did not answer the summary for 2017-18-Q2";
        }
        return "2017-18-Q2: %s referrals, %s year to date; priority contacted within 48 h %s%% (Q1 %s%%)"
                        .formatted(
                                num(q2, "referrals.total"),
                                num(q2, "referrals.yearToDate"),
                                num(q2, "priority.contactedWithin48h.percent"),
                                q1 == null ? "?" : num(q1, "priority.contactedWithin48h.percent"))
                + "   [seed report: 15,072 referrals, 31,148 year to date, 45% (Q1 64%)]";
    }

    /** referrals.total of a period, or -1 when unknown. */
    public long referrals(String period) {
        JsonNode s = summary(period);
        return s == null ? -1 : s.path("referrals").path("total").asLong(-1);
    }

    static String num(JsonNode root, String dotted) {
        JsonNode n = root;
        for (String part : dotted.split("\\.")) {
            n = n.path(part);
        }
        if (n.isMissingNode() || n.isNull()) {
            return "?";
        }
        return n.isIntegralNumber() ? "%,d".formatted(n.asLong()) : n.asText();
    }
}

package org.lvs.e2e.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.lvs.contract.Roles;
import org.lvs.e2e.Api;

/**
 * Historical replay through the public batch API, as an admin migrating an older system would: {@code count}
 * referrals received in financial year 2009-10 (a period no other test uses), in batches spread over
 * {@code spread}. A batch that fails (connection refused, timeout, 5xx, a valid record refused) is sent again, as a
 * careful client would, until every record of it is ACCEPTED or DUPLICATE (the same version already confirmed).
 *
 * <p>Nine referrals in ten have explicit consent and a name and phone (a case is due); the tenth refuses consent
 * (a decision, no case).
 */
final class Replay {

    /** The financial year the replay's referrals are received in: its figures count them and nothing else. */
    static final String PERIOD = "2009-10";

    private static final Instant PERIOD_START = Instant.parse("2009-04-01T09:00:00Z");
    private static final String[] AREAS = {"NORTH", "CENTRAL", "EAST", "WEST", "SOUTH"};
    private static final String[] CATEGORIES = {
        "ASSAULT",
        "DOMESTIC_ABUSE",
        "BURGLARY",
        "THEFT",
        "HATE_CRIME",
        "CRIMINAL_DAMAGE",
        "FRAUD",
        "STALKING_HARASSMENT",
        "ROBBERY",
        "SEXUAL_OFFENCE"
    };

    /** What the replay got a 202-equivalent for, and whether a case is due. */
    record Accepted(String referralId, String sourceReference, boolean caseDue) {}

    private final ChaosStack stack;
    private final String run;
    private final int count;
    private final int batchSize;
    private final Duration spread;
    private final Api api = new Api(Duration.ofSeconds(150));
    private final Map<String, Accepted> accepted = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new TreeMap<>();
    private final List<String> refused = new ArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private volatile Duration took = Duration.ZERO;

    Replay(ChaosStack stack, String run, int count, int batchSize, Duration spread) {
        this.stack = stack;
        this.run = run;
        this.count = count;
        this.batchSize = batchSize;
        this.spread = spread;
    }

    /** Runs the whole replay; returns once every record is accepted or {@code deadline} passed. */
    void run(Duration deadline) {
        Instant start = Instant.now();
        Instant giveUp = start.plus(deadline);
        int batches = (count + batchSize - 1) / batchSize;
        for (int b = 0; b < batches; b++) {
            Instant due = start.plus(spread.multipliedBy(b).dividedBy(batches));
            long wait = Duration.between(Instant.now(), due).toMillis();
            if (wait > 0) {
                InfraProcess.sleep(wait);
            }
            int from = b * batchSize;
            int to = Math.min(count, from + batchSize);
            sendUntilAccepted(b, from, to, giveUp);
        }
        took = Duration.between(start, Instant.now());
        stack.log.note("replay done: " + accepted.size() + " accepted of " + count + " in " + took.toSeconds()
                + " s, " + attempts.get() + " requests, failures " + failures + ", duplicates on retry "
                + duplicates.get());
    }

    private void sendUntilAccepted(int batch, int from, int to, Instant giveUp) {
        String body = batchJson(batch, from, to);
        long backoff = 500;
        while (true) {
            attempts.incrementAndGet();
            String problem;
            try {
                HttpResponse<String> response = api.postJson(
                        stack.url("referral-ingest") + "/api/v1/referrals/batch", stack.bearer(Roles.ADMIN), body);
                if (response.statusCode() == 200) {
                    problem = take(Api.json(response), giveUp.isBefore(Instant.now()));
                    if (problem == null) {
                        return;
                    }
                } else {
                    problem = "HTTP " + response.statusCode();
                }
            } catch (IOException e) {
                problem = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            synchronized (failures) {
                failures.merge(problem, 1, Integer::sum);
            }
            if (Instant.now().isAfter(giveUp)) {
                stack.log.note("replay gives up on batch " + batch + " after " + problem);
                return;
            }
            InfraProcess.sleep(backoff);
            backoff = Math.min(5_000, backoff * 2);
        }
    }

    /** Takes the batch's results; null when every record is in, else what is missing. */
    private String take(JsonNode answer, boolean last) {
        List<String> notIn = new ArrayList<>();
        for (JsonNode result : answer.path("results")) {
            String status = result.path("status").asText();
            String sourceReference = result.path("sourceReference").asText();
            if (status.equals("ACCEPTED") || status.equals("DUPLICATE")) {
                if (status.equals("DUPLICATE")) {
                    duplicates.incrementAndGet();
                }
                int index = Integer.parseInt(sourceReference.substring(sourceReference.lastIndexOf('-') + 1));
                accepted.put(
                        sourceReference,
                        new Accepted(result.path("referralId").asText(), sourceReference, caseDue(index)));
            } else {
                notIn.add(sourceReference + " " + status + " " + result.path("errors"));
            }
        }
        if (notIn.isEmpty()) {
            return null;
        }
        if (last) {
            synchronized (refused) {
                refused.addAll(notIn);
            }
        }
        return "record " + notIn.get(0).split(" ")[1];
    }

    private String batchJson(int batch, int from, int to) {
        StringBuilder json =
                new StringBuilder("{\"batchId\":\"" + run + "-" + batch + "\",\"source\":\"ADT\",\"referrals\":[");
        for (int i = from; i < to; i++) {
            Instant receivedAt = PERIOD_START.plus(i % 360, ChronoUnit.DAYS).plus(i % 480, ChronoUnit.MINUTES);
            json.append(i == from ? "" : ",").append("""
                    {"sourceReference":"%s","recordedAt":"%s","receivedAt":"%s","area":"%s",
                     "crime":{"category":"%s"},
                     "victim":{"firstName":"Chaos","lastName":"Victim%d","phone":"07700 %06d","gender":"FEMALE"},
                     "consent":"%s"}""".formatted(
                            sourceReference(i),
                            receivedAt.minus(1, ChronoUnit.HOURS),
                            receivedAt,
                            AREAS[i % AREAS.length],
                            CATEGORIES[i % CATEGORIES.length],
                            i,
                            i,
                            caseDue(i) ? "EXPLICIT" : "REFUSED"));
        }
        return json.append("]}").toString();
    }

    private String sourceReference(int i) {
        return "CHAOS-" + run + "-" + i;
    }

    private static boolean caseDue(int index) {
        return index % 10 != 9;
    }

    Map<String, Accepted> accepted() {
        return Map.copyOf(accepted);
    }

    List<String> refused() {
        synchronized (refused) {
            return List.copyOf(refused);
        }
    }

    int expected() {
        return count;
    }

    int requests() {
        return attempts.get();
    }

    Map<String, Integer> failures() {
        synchronized (failures) {
            return Map.copyOf(failures);
        }
    }

    Duration took() {
        return took;
    }
}

package org.lvs.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The bench's referrals: complete, consented, priority (domestic abuse) referrals of distinct victims, each with its
 * own source reference, so every one is decided, opens a case with a 48-hour clock and is counted. The victims are
 * distinct across runs too (the run id is in the name): with names of one run repeated in the next, every referral
 * matched one stored identity per earlier run as a possible repeat victim, and triage's lookup slowed run by run.
 */
final class BenchReferrals {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] TOWNS = {"Preston", "Lancaster", "Blackpool", "Burnley", "Chorley"};

    private final String runId;
    private final Instant recordedAt;

    BenchReferrals(String runId, Instant now) {
        this.runId = runId;
        this.recordedAt = now.minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    }

    String reference(int n) {
        return "BENCH-" + runId + "-" + n;
    }

    /** One JSON batch of ADT referrals {@code from} (inclusive) to {@code to} (exclusive). */
    String batch(int batchNumber, int from, int to) {
        ObjectNode batch = MAPPER.createObjectNode();
        batch.put("batchId", "bench-" + runId + "-" + batchNumber);
        batch.put("source", "ADT");
        ArrayNode items = batch.putArray("referrals");
        for (int n = from; n < to; n++) {
            items.add(referral(n));
        }
        return batch.toString();
    }

    /** Referral {@code n} alone, as {@code POST /api/v1/referrals} takes it. */
    String single(int n) {
        return referral(n).toString();
    }

    private ObjectNode referral(int n) {
        ObjectNode r = MAPPER.createObjectNode();
        r.put("source", "ADT");
        r.put("sourceReference", reference(n));
        r.put("version", 1);
        r.put("recordedAt", recordedAt.toString());
        r.put("area", "CENTRAL");
        ObjectNode crime = r.putObject("crime");
        crime.put("category", "DOMESTIC_ABUSE");
        crime.put("description", "Bench referral " + n);
        ObjectNode victim = r.putObject("victim");
        victim.put("personRef", "BP-" + runId + "-" + n);
        victim.put("firstName", "Bench");
        victim.put("lastName", "Victim-" + runId + "-" + Integer.toString(n, 36));
        victim.put("dateOfBirth", LocalDate.of(1950, 1, 1).plusDays(n % 18_000).toString());
        victim.put("gender", n % 2 == 0 ? "FEMALE" : "MALE");
        victim.put("phone", "07700 9%05d".formatted(n % 100_000));
        ObjectNode address = victim.putObject("address");
        address.put("line1", (n % 300 + 1) + " Bench Street");
        address.put("town", TOWNS[n % TOWNS.length]);
        address.put("postcode", "PR1 %dAB".formatted(n % 10));
        victim.put("preferredContact", "PHONE");
        victim.putArray("vulnerabilities");
        r.put("consent", "EXPLICIT");
        return r;
    }
}

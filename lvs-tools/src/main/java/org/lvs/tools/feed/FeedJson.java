package org.lvs.tools.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collection;
import org.lvs.contract.referral.Referral;
import org.lvs.contract.referral.Victim;

/**
 * Referrals as the batch API takes them (referral-contract.md): nulls left out, instants with their London offset,
 * {@code receivedAt} only for a historical replay by {@code admin}.
 */
public final class FeedJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private FeedJson() {}

    public static ObjectNode batch(
            String batchId,
            org.lvs.contract.referral.Source source,
            Collection<Referral> referrals,
            boolean withReceivedAt) {
        ObjectNode batch = MAPPER.createObjectNode();
        batch.put("batchId", batchId);
        batch.put("source", source.name());
        ArrayNode items = batch.putArray("referrals");
        referrals.forEach(r -> items.add(referral(r, withReceivedAt)));
        return batch;
    }

    public static ObjectNode referral(Referral r, boolean withReceivedAt) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("source", r.source().name());
        n.put("sourceReference", r.sourceReference());
        n.put("version", r.version());
        if (r.feedSequence() != null) {
            n.put("feedSequence", r.feedSequence());
        }
        n.put("recordedAt", london(r.recordedAt()));
        if (withReceivedAt && r.receivedAt() != null) {
            n.put("receivedAt", london(r.receivedAt()));
        }
        n.put("area", r.area());
        ObjectNode crime = n.putObject("crime");
        crime.put("category", r.crime().category().name());
        if (!r.crime().hateStrands().isEmpty()) {
            ArrayNode strands = crime.putArray("hateStrands");
            r.crime().hateStrands().forEach(s -> strands.add(s.name()));
        }
        putIf(crime, "description", r.crime().description());
        if (r.victim() != null) {
            n.set("victim", victim(r.victim()));
        }
        n.put("consent", r.consent().name());
        if (r.riskLevel() != null) {
            n.put("riskLevel", r.riskLevel().name());
        }
        if (r.safeguarding().unsafeToContact()) {
            ObjectNode s = n.putObject("safeguarding");
            s.put("unsafeToContact", true);
            putIf(s, "reason", r.safeguarding().reason());
        }
        if (r.howHeard() != null) {
            n.put("howHeard", r.howHeard().name());
        }
        putIf(n, "howHeardDetail", r.howHeardDetail());
        return n;
    }

    private static ObjectNode victim(Victim v) {
        ObjectNode n = MAPPER.createObjectNode();
        putIf(n, "personRef", v.personRef());
        putIf(n, "firstName", v.firstName());
        putIf(n, "lastName", v.lastName());
        if (v.dateOfBirth() != null) {
            n.put("dateOfBirth", v.dateOfBirth().toString());
        }
        if (v.age() != null) {
            n.put("age", v.age());
        }
        if (v.gender() != null) {
            n.put("gender", v.gender().name());
        }
        putIf(n, "phone", v.phone());
        putIf(n, "email", v.email());
        if (v.address() != null) {
            ObjectNode a = n.putObject("address");
            putIf(a, "line1", v.address().line1());
            putIf(a, "line2", v.address().line2());
            putIf(a, "town", v.address().town());
            putIf(a, "postcode", v.address().postcode());
        }
        if (v.preferredContact() != null) {
            n.put("preferredContact", v.preferredContact().name());
        }
        if (!v.vulnerabilities().isEmpty()) {
            ArrayNode flags = n.putArray("vulnerabilities");
            v.vulnerabilities().forEach(f -> flags.add(f.name()));
        }
        return n;
    }

    static String london(Instant instant) {
        return java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                instant.atZone(Quarter.LONDON).toOffsetDateTime());
    }

    private static void putIf(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }
}

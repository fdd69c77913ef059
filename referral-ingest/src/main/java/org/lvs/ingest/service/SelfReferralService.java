package org.lvs.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.Source;

/**
 * A victim's own referral: the fields a person can give, with {@code source} SELF, a generated
 * {@code sourceReference} (so the answer never tells whether the person is already known) and consent EXPLICIT by
 * submitting. Rate-limited per client address.
 */
@ApplicationScoped
public class SelfReferralService {

    /** The form's field names (also accepted as flat JSON). */
    public static final String[] FIELDS = {"firstName", "lastName", "dateOfBirth", "age", "gender", "phone", "email",
            "addressLine1", "addressLine2", "town", "postcode", "preferredContact", "area", "crimeCategory",
            "description", "howHeard", "howHeardDetail"};

    @Inject
    ReferralIntake intake;
    @Inject
    SelfReferralRateLimiter limiter;
    @Inject
    Clock clock;

    public RecordResult submit(String client, Map<String, String> fields) {
        limiter.acquire(client);
        return intake.submitTree(fromFields(fields), false);
    }

    /** JSON: either the referral's own shape (with victim/crime objects) or the form's flat fields. */
    public RecordResult submitJson(String client, JsonNode body) {
        limiter.acquire(client);
        if (body != null && body.isObject() && (body.get("victim") instanceof ObjectNode
                || body.get("crime") instanceof ObjectNode)) {
            ObjectNode tree = ((ObjectNode) body).deepCopy();
            tree.remove("receivedAt"); // a self-referral is never historical replay
            stamp(tree);
            if (!tree.hasNonNull("area")) {
                tree.put("area", "UNKNOWN");
            }
            return intake.submitTree(tree, false);
        }
        Map<String, String> fields = new java.util.HashMap<>();
        if (body != null && body.isObject()) {
            body.fields().forEachRemaining(e -> {
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    fields.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        return intake.submitTree(fromFields(fields), false);
    }

    ObjectNode fromFields(Map<String, String> fields) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode tree = f.objectNode();
        stamp(tree);
        tree.put("area", value(fields, "area", "UNKNOWN"));
        ObjectNode crime = tree.putObject("crime");
        crime.put("category", value(fields, "crimeCategory", "OTHER"));
        putIf(crime, "description", fields.get("description"));
        ObjectNode victim = tree.putObject("victim");
        for (String name : new String[] {"firstName", "lastName", "dateOfBirth", "gender", "phone", "email",
                "preferredContact"}) {
            putIf(victim, name, fields.get(name));
        }
        String age = fields.get("age");
        if (age != null && !age.isBlank()) {
            if (age.trim().matches("\\d{1,9}")) {
                victim.put("age", Integer.parseInt(age.trim()));
            } else {
                victim.put("age", age);
            }
        }
        ObjectNode address = f.objectNode();
        putIf(address, "line1", fields.get("addressLine1"));
        putIf(address, "line2", fields.get("addressLine2"));
        putIf(address, "town", fields.get("town"));
        putIf(address, "postcode", fields.get("postcode"));
        if (!address.isEmpty()) {
            victim.set("address", address);
        }
        putIf(tree, "howHeard", fields.get("howHeard"));
        putIf(tree, "howHeardDetail", fields.get("howHeardDetail"));
        return tree;
    }

    private void stamp(ObjectNode tree) {
        tree.put("source", Source.SELF.name());
        tree.put("sourceReference", "SELF-" + UUID.randomUUID());
        tree.put("version", 1);
        tree.put("consent", Consent.EXPLICIT.name());
        tree.remove("feedSequence");
        if (!tree.hasNonNull("recordedAt")) {
            tree.put("recordedAt", clock.instant().toString());
        }
    }

    private static String value(Map<String, String> fields, String name, String fallback) {
        String v = fields.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    private static void putIf(ObjectNode node, String name, String value) {
        if (value != null && !value.isBlank()) {
            node.put(name, value);
        }
    }
}

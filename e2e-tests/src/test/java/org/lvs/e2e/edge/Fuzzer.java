package org.lvs.e2e.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.lvs.contract.event.EventJson;

/**
 * Fuzzed request bodies from a fixed seed, so a failure replays exactly: random JSON of any shape, and mutations of
 * a valid referral (values of the wrong type, extreme numbers, hostile strings, fields removed or added, objects
 * turned to arrays; and at the text level truncation, inserted and flipped bytes, duplicated keys), sent to the single,
 * JSON batch, CSV batch and self-referral doors.
 */
final class Fuzzer {

    record Body(String door, String path, String contentType, byte[] body) {
        String preview() {
            String text = new String(body, StandardCharsets.UTF_8);
            return (text.length() > 160 ? text.substring(0, 160) + "…" : text).replaceAll("\\p{Cntrl}", "?");
        }
    }

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String[] KEYS = {
        "source",
        "sourceReference",
        "version",
        "feedSequence",
        "recordedAt",
        "receivedAt",
        "area",
        "crime",
        "category",
        "hateStrands",
        "description",
        "victim",
        "personRef",
        "firstName",
        "lastName",
        "dateOfBirth",
        "age",
        "gender",
        "phone",
        "email",
        "address",
        "line1",
        "postcode",
        "preferredContact",
        "vulnerabilities",
        "consent",
        "riskLevel",
        "safeguarding",
        "unsafeToContact",
        "howHeard",
        "howHeardDetail",
        "referrals",
        "batchId",
        "__proto__",
        "",
        "x"
    };
    private static final String[] STRINGS = {
        "",
        " ",
        "ADT",
        "SELF",
        "NORTH",
        "EXPLICIT",
        "REFUSED",
        "HIGH",
        "DOMESTIC_ABUSE",
        "2017-08-14T09:30:00+01:00",
        "2999-01-01T00:00:00Z",
        "1900-01-01",
        "not a date",
        "07700 900123",
        "+44",
        "@",
        "a@b",
        "=cmd|' /C calc'!A0",
        "<script>alert(1)</script>",
        "' or 1=1 --",
        "\u0000",
        "\u0007",
        "\u001b[2J",
        "\u007f",
        "\u009b",
        "\uffff",
        "\ufeff",
        "Zoë",
        "👩‍👩‍👧",
        "\t\r\n",
        "A".repeat(3_000),
        "%s%n",
        "${jndi:ldap://x}",
        "null",
        "true",
        "-1",
        "1e309"
    };

    private final Random random;
    private final ObjectNode valid;
    private int serial;

    Fuzzer(long seed) {
        this.random = new Random(seed);
        try {
            this.valid = (ObjectNode) EventJson.mapper().readTree(HostileInputs.referralJson(null, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Body> bodies(int count) {
        List<Body> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bodies.add(next());
        }
        return bodies;
    }

    private Body next() {
        int kind = random.nextInt(20);
        if (kind < 3) {
            return single(json(randomNode(4)));
        }
        if (kind < 11) {
            return single(json(mutated()));
        }
        if (kind < 14) {
            return single(textMutation(json(mutated())));
        }
        if (kind < 16) {
            ObjectNode batch = F.objectNode().put("batchId", "FUZZ-" + serial).put("source", "ADT");
            ArrayNode referrals = batch.putArray("referrals");
            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                referrals.add(random.nextInt(5) == 0 ? randomNode(2) : mutated());
            }
            if (random.nextInt(4) == 0) {
                mutate(batch);
            }
            byte[] body = json(batch);
            return new Body(
                    "JSON batch",
                    "/api/v1/referrals/batch",
                    "application/json",
                    random.nextInt(4) == 0 ? textMutation(body) : body);
        }
        if (kind < 17) {
            return new Body("CSV batch", "/api/v1/referrals/batch?source=ADT", "text/csv", csv());
        }
        JsonNode self = random.nextBoolean() ? mutated() : flatSelf();
        byte[] body = json(self);
        return new Body(
                "self-referral JSON",
                "/api/v1/self-referrals",
                "application/json",
                random.nextInt(3) == 0 ? textMutation(body) : body);
    }

    private Body single(byte[] body) {
        return new Body("single", "/api/v1/referrals", "application/json", body);
    }

    private ObjectNode mutated() {
        ObjectNode referral = valid.deepCopy();
        referral.put("sourceReference", "FUZZ-" + (serial++) + "-" + random.nextInt(1_000_000));
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            mutate(referral);
        }
        return referral;
    }

    private ObjectNode flatSelf() {
        ObjectNode self = F.objectNode();
        String[] fields = {
            "firstName",
            "lastName",
            "dateOfBirth",
            "age",
            "gender",
            "phone",
            "email",
            "addressLine1",
            "town",
            "postcode",
            "preferredContact",
            "area",
            "crimeCategory",
            "description",
            "howHeard",
            "howHeardDetail"
        };
        for (String field : fields) {
            if (random.nextInt(3) > 0) {
                self.set(field, random.nextInt(4) == 0 ? randomNode(1) : F.textNode(pick(STRINGS)));
            }
        }
        return self;
    }

    /** One change somewhere in the tree: a value replaced, a field removed or added, an object made an array. */
    private void mutate(ObjectNode root) {
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(root, objects);
        ObjectNode target = objects.get(random.nextInt(objects.size()));
        List<String> names = new ArrayList<>();
        target.fieldNames().forEachRemaining(names::add);
        switch (random.nextInt(5)) {
            case 0 -> {
                if (!names.isEmpty()) {
                    target.remove(pick(names));
                }
            }
            case 1 -> target.set(pick(KEYS), randomNode(2));
            case 2 -> {
                if (!names.isEmpty()) {
                    target.set(pick(names), randomScalar());
                }
            }
            case 3 -> {
                if (!names.isEmpty()) {
                    String name = pick(names);
                    target.set(name, F.arrayNode().add(target.get(name)));
                }
            }
            default -> {
                if (!names.isEmpty()) {
                    target.put(pick(names), pick(STRINGS));
                }
            }
        }
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> objects) {
        if (node instanceof ObjectNode object) {
            objects.add(object);
        }
        for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
            collectObjects(children.next(), objects);
        }
    }

    private JsonNode randomNode(int depth) {
        int kind = random.nextInt(depth <= 0 ? 4 : 6);
        if (kind < 4) {
            return randomScalar();
        }
        if (kind == 4) {
            ObjectNode object = F.objectNode();
            for (int n = random.nextInt(5); n > 0; n--) {
                object.set(pick(KEYS), randomNode(depth - 1));
            }
            return object;
        }
        ArrayNode array = F.arrayNode();
        for (int n = random.nextInt(5); n > 0; n--) {
            array.add(randomNode(depth - 1));
        }
        return array;
    }

    private JsonNode randomScalar() {
        return switch (random.nextInt(9)) {
            case 0 -> F.nullNode();
            case 1 -> F.booleanNode(random.nextBoolean());
            case 2 -> F.numberNode(random.nextInt());
            case 3 -> F.numberNode(random.nextLong());
            case 4 -> F.numberNode(new BigInteger("9".repeat(1 + random.nextInt(40))));
            case 5 -> F.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case 6 -> F.numberNode(-1 - random.nextInt(10));
            default -> F.textNode(pick(STRINGS));
        };
    }

    /** A byte-level change: truncated, bytes inserted or flipped, a key duplicated, a structural character swapped. */
    private byte[] textMutation(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = body.length == 0 ? 0 : random.nextInt(body.length);
        switch (random.nextInt(5)) {
            case 0 -> out.write(body, 0, at);
            case 1 -> {
                out.write(body, 0, at);
                for (int n = 1 + random.nextInt(8); n > 0; n--) {
                    out.write(random.nextInt(256));
                }
                out.write(body, at, body.length - at);
            }
            case 2 -> {
                byte[] copy = body.clone();
                if (copy.length > 0) {
                    copy[at] ^= (byte) (1 << random.nextInt(8));
                }
                out.writeBytes(copy);
            }
            case 3 -> {
                String text = new String(body, StandardCharsets.UTF_8);
                out.writeBytes(text.replaceFirst("\\{", "{\"source\":\"MASH\",\"source\":[],")
                        .getBytes(StandardCharsets.UTF_8));
            }
            default -> {
                byte[] copy = body.clone();
                if (copy.length > 0) {
                    copy[at] = (byte) "{}[]\",:\\".charAt(random.nextInt(8));
                }
                out.writeBytes(copy);
            }
        }
        return out.toByteArray();
    }

    private byte[] csv() {
        StringBuilder csv = new StringBuilder(
                random.nextInt(5) == 0
                        ? ""
                        : "sourceReference,recordedAt,area,crime.category,victim.firstName,victim.phone,consent,crime.hateStrands\r\n");
        for (int row = random.nextInt(4); row >= 0; row--) {
            for (int col = 0; col < 8 + random.nextInt(3) - 1; col++) {
                if (col > 0) {
                    csv.append(',');
                }
                String cell = random.nextInt(3) == 0 ? pick(STRINGS) : "FUZZ-" + (serial++);
                csv.append(random.nextBoolean() ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
            }
            csv.append(random.nextBoolean() ? "\r\n" : "\n");
        }
        byte[] body = csv.toString().getBytes(StandardCharsets.UTF_8);
        return random.nextInt(3) == 0 ? textMutation(body) : body;
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static byte[] json(JsonNode node) {
        try {
            return EventJson.mapper().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

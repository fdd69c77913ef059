package org.lvs.e2e.edge;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Requests carrying what no consumer can hold (issue 10, item 1), for every door of referral-ingest: NUL and other
 * control characters, lone surrogates (as JSON escapes, or as their CESU-8 bytes where there is no escape),
 * noncharacters, invalid UTF-8 bytes, over-long and huge strings, and line breaks in single-line fields.
 */
final class HostileInputs {

    /** A request to one door, and whether it is a batch (answered 200 with every record rejected) or a single. */
    record Attempt(String door, String what, String path, String contentType, byte[] body, boolean batch) {}

    /** A hostile value for a JSON string (the literal with its quotes, as bytes) or a form/CSV cell. */
    record Value(String name, byte[] json, byte[] raw, boolean lineOnly) {}

    static final List<Value> VALUES = List.of(
            value("NUL", "\"a\\u0000b\"", bytes("a", 0x00, "b"), false),
            value("BEL control character", "\"a\\u0007b\"", bytes("a", 0x07, "b"), false),
            value("ESC control sequence", "\"\\u001b[31mred\"", bytes("", 0x1b, "[31mred"), false),
            value("DEL control character", "\"a\\u007fb\"", bytes("a", 0x7f, "b"), false),
            value("C1 control character", "\"a\\u009bb\"", utf8("a\u009bb"), false),
            value("lone high surrogate", "\"a\\ud800b\"", bytes("a", 0xed, 0xa0, 0x80, "b"), false),
            value("lone low surrogate", "\"\\udfffb\"", bytes("", 0xed, 0xbf, 0xbf, "b"), false),
            value("noncharacter", "\"a\\uffffb\"", utf8("a\uffffb"), false),
            value("line separator", "\"a\\u2028b\"", utf8("a\u2028b"), false),
            value("invalid UTF-8 bytes", null, bytes("a", 0xc3, 0x28, "b"), false),
            value("invalid UTF-8 byte 0xFF", null, bytes("a", 0xff, "b"), false),
            value("over-long string", "\"" + "A".repeat(5_000) + "\"", utf8("A".repeat(5_000)), false),
            value("line break in a single-line field", "\"a\\nb\"", utf8("a\nb"), true));

    /** A string over the 1 MiB single-body limit (and so over every field's maximum). */
    static final String HUGE = "H".repeat(3 * 1024 * 1024);

    /** The referral's string fields and a valid value of each (free text fields may hold line breaks). */
    private static final Map<String, String> REFERRAL = new LinkedHashMap<>();

    private static final Set<String> FREE_TEXT = Set.of("crime.description", "howHeardDetail", "safeguarding.reason");

    static {
        REFERRAL.put("source", "ADT");
        REFERRAL.put("sourceReference", "EDGE-H-0");
        REFERRAL.put(
                "recordedAt",
                Instant.now()
                        .minus(2, ChronoUnit.HOURS)
                        .truncatedTo(ChronoUnit.SECONDS)
                        .toString());
        REFERRAL.put("area", "NORTH");
        REFERRAL.put("crime.category", "ASSAULT");
        REFERRAL.put("crime.description", "what happened");
        REFERRAL.put("victim.personRef", "P-1");
        REFERRAL.put("victim.firstName", "Hostile");
        REFERRAL.put("victim.lastName", "Tester");
        REFERRAL.put("victim.dateOfBirth", "1980-01-01");
        REFERRAL.put("victim.phone", "07700 900111");
        REFERRAL.put("victim.email", "hostile@example.org");
        REFERRAL.put("victim.address.line1", "1 Example Street");
        REFERRAL.put("victim.address.town", "Preston");
        REFERRAL.put("victim.address.postcode", "PR1 2AB");
        REFERRAL.put("consent", "EXPLICIT");
        REFERRAL.put("howHeard", "WEBSITE");
        REFERRAL.put("howHeardDetail", "a leaflet");
        REFERRAL.put("safeguarding.reason", "none");
    }

    /** The self-referral form's fields (also flat JSON). */
    private static final Map<String, String> SELF = new LinkedHashMap<>();

    private static final Set<String> SELF_FREE_TEXT = Set.of("description", "howHeardDetail");

    static {
        SELF.put("firstName", "Hostile");
        SELF.put("lastName", "Tester");
        SELF.put("dateOfBirth", "1980-01-01");
        SELF.put("gender", "FEMALE");
        SELF.put("phone", "07700 900112");
        SELF.put("email", "self@example.org");
        SELF.put("addressLine1", "2 Example Street");
        SELF.put("town", "Preston");
        SELF.put("postcode", "PR1 2AB");
        SELF.put("preferredContact", "PHONE");
        SELF.put("area", "EAST");
        SELF.put("crimeCategory", "ASSAULT");
        SELF.put("description", "what happened");
        SELF.put("howHeard", "WEBSITE");
        SELF.put("howHeardDetail", "a leaflet");
    }

    private HostileInputs() {}

    /** Every door × every string field × every hostile value, plus the batch-level fields and huge bodies. */
    static List<Attempt> all() {
        List<Attempt> attempts = new ArrayList<>();
        for (String field : REFERRAL.keySet()) {
            for (Value value : VALUES) {
                if (value.lineOnly() && FREE_TEXT.contains(field)) {
                    continue;
                }
                byte[] literal = value.json() != null ? value.json() : jsonWithRawBytes(value);
                attempts.add(new Attempt(
                        "single",
                        field + ": " + value.name(),
                        "/api/v1/referrals",
                        "application/json",
                        referralJson(field, literal),
                        false));
                attempts.add(new Attempt(
                        "JSON batch",
                        field + ": " + value.name(),
                        "/api/v1/referrals/batch",
                        "application/json",
                        jsonBatch(utf8("\"EDGE-BATCH\""), utf8("\"ADT\""), referralJson(field, literal)),
                        true));
                if (!field.equals("source")) {
                    attempts.add(new Attempt(
                            "CSV batch",
                            field + ": " + value.name(),
                            "/api/v1/referrals/batch?source=ADT",
                            "text/csv",
                            csv(field, value.raw()),
                            true));
                }
            }
        }
        for (Value value : VALUES) {
            byte[] literal = value.json() != null ? value.json() : jsonWithRawBytes(value);
            byte[] valid = referralJson(null, null);
            attempts.add(new Attempt(
                    "JSON batch",
                    "batchId: " + value.name(),
                    "/api/v1/referrals/batch",
                    "application/json",
                    jsonBatch(literal, utf8("\"ADT\""), valid),
                    true));
            attempts.add(new Attempt(
                    "JSON batch",
                    "batch source: " + value.name(),
                    "/api/v1/referrals/batch",
                    "application/json",
                    jsonBatch(utf8("\"EDGE-BATCH\""), literal, valid),
                    true));
            attempts.add(new Attempt(
                    "CSV batch",
                    "batchId parameter: " + value.name(),
                    "/api/v1/referrals/batch?source=ADT&batchId=" + percent(value.raw()),
                    "text/csv",
                    csv(null, null),
                    true));
            attempts.add(new Attempt(
                    "CSV batch",
                    "source parameter: " + value.name(),
                    "/api/v1/referrals/batch?source=" + percent(value.raw()),
                    "text/csv",
                    csv(null, null),
                    true));
            for (String field : SELF.keySet()) {
                if (value.lineOnly() && SELF_FREE_TEXT.contains(field)) {
                    continue;
                }
                attempts.add(new Attempt(
                        "self-referral JSON",
                        field + ": " + value.name(),
                        "/api/v1/self-referrals",
                        "application/json",
                        selfJson(field, literal),
                        false));
                attempts.add(new Attempt(
                        "self-referral form",
                        field + ": " + value.name(),
                        "/api/v1/self-referrals",
                        "application/x-www-form-urlencoded",
                        selfForm(field, value.raw()),
                        false));
            }
        }
        byte[] huge = utf8("\"" + HUGE + "\"");
        attempts.add(new Attempt(
                "single",
                "huge name",
                "/api/v1/referrals",
                "application/json",
                referralJson("victim.firstName", huge),
                false));
        attempts.add(new Attempt(
                "JSON batch",
                "huge name",
                "/api/v1/referrals/batch",
                "application/json",
                jsonBatch(utf8("\"EDGE-BATCH\""), utf8("\"ADT\""), referralJson("victim.firstName", huge)),
                true));
        attempts.add(new Attempt(
                "CSV batch",
                "huge name",
                "/api/v1/referrals/batch?source=ADT",
                "text/csv",
                csv("victim.firstName", utf8(HUGE)),
                true));
        attempts.add(new Attempt(
                "self-referral JSON",
                "huge name",
                "/api/v1/self-referrals",
                "application/json",
                selfJson("firstName", huge),
                false));
        attempts.add(new Attempt(
                "self-referral form",
                "huge name",
                "/api/v1/self-referrals",
                "application/x-www-form-urlencoded",
                selfForm("firstName", utf8(HUGE)),
                false));
        return attempts;
    }

    /** The referral as JSON with {@code field} (dotted path) set to the raw literal; a fresh sourceReference. */
    static byte[] referralJson(String field, byte[] literal) {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : REFERRAL.entrySet()) {
            byte[] value = entry.getKey().equals(field)
                    ? literal
                    : utf8("\""
                            + (entry.getKey().equals("sourceReference")
                                    ? "EDGE-H-" + UUID.randomUUID()
                                    : entry.getValue())
                            + "\"");
            put(tree, entry.getKey().split("\\."), 0, value);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(tree, out);
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> tree, String[] path, int at, byte[] value) {
        if (at == path.length - 1) {
            tree.put(path[at], value);
            return;
        }
        put(
                (Map<String, Object>) tree.computeIfAbsent(path[at], k -> new LinkedHashMap<String, Object>()),
                path,
                at + 1,
                value);
    }

    @SuppressWarnings("unchecked")
    private static void write(Map<String, Object> tree, ByteArrayOutputStream out) {
        out.write('{');
        boolean first = true;
        for (Map.Entry<String, Object> entry : tree.entrySet()) {
            if (!first) {
                out.write(',');
            }
            first = false;
            out.writeBytes(utf8("\"" + entry.getKey() + "\":"));
            if (entry.getValue() instanceof Map<?, ?> child) {
                write((Map<String, Object>) child, out);
            } else {
                out.writeBytes((byte[]) entry.getValue());
            }
        }
        out.write('}');
    }

    private static byte[] jsonBatch(byte[] batchId, byte[] source, byte[] referral) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8("{\"batchId\":"));
        out.writeBytes(batchId);
        out.writeBytes(utf8(",\"source\":"));
        out.writeBytes(source);
        out.writeBytes(utf8(",\"referrals\":["));
        out.writeBytes(referral);
        out.writeBytes(utf8("]}"));
        return out.toByteArray();
    }

    /** A CSV batch of one row, {@code field}'s cell holding the raw bytes (quoted). */
    private static byte[] csv(String field, byte[] raw) {
        List<String> columns =
                REFERRAL.keySet().stream().filter(f -> !f.equals("source")).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(String.join(",", columns) + "\r\n"));
        boolean first = true;
        for (String column : columns) {
            if (!first) {
                out.write(',');
            }
            first = false;
            out.write('"');
            if (column.equals(field)) {
                out.writeBytes(raw);
            } else if (column.equals("sourceReference")) {
                out.writeBytes(utf8("EDGE-H-" + UUID.randomUUID()));
            } else {
                out.writeBytes(utf8(REFERRAL.get(column)));
            }
            out.write('"');
        }
        out.writeBytes(utf8("\r\n"));
        return out.toByteArray();
    }

    private static byte[] selfJson(String field, byte[] literal) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('{');
        boolean first = true;
        for (Map.Entry<String, String> entry : SELF.entrySet()) {
            if (!first) {
                out.write(',');
            }
            first = false;
            out.writeBytes(utf8("\"" + entry.getKey() + "\":"));
            out.writeBytes(entry.getKey().equals(field) ? literal : utf8("\"" + entry.getValue() + "\""));
        }
        out.write('}');
        return out.toByteArray();
    }

    private static byte[] selfForm(String field, byte[] raw) {
        StringBuilder form = new StringBuilder();
        for (Map.Entry<String, String> entry : SELF.entrySet()) {
            if (!form.isEmpty()) {
                form.append('&');
            }
            form.append(entry.getKey())
                    .append('=')
                    .append(percent(entry.getKey().equals(field) ? raw : utf8(entry.getValue())));
        }
        return utf8(form.toString());
    }

    /** Percent-encodes every byte that is not unreserved, so raw (even invalid) bytes arrive as sent. */
    static String percent(byte[] raw) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : raw) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return encoded.toString();
    }

    /** A JSON string literal holding raw bytes (for invalid UTF-8, which has no escape). */
    private static byte[] jsonWithRawBytes(Value value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('"');
        out.writeBytes(value.raw());
        out.write('"');
        return out.toByteArray();
    }

    private static Value value(String name, String json, byte[] raw, boolean lineOnly) {
        return new Value(name, json == null ? null : utf8(json), raw, lineOnly);
    }

    /** Text and single bytes, in order: {@code bytes("a", 0xc3, 0x28, "b")}. */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(utf8(text));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

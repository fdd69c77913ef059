package org.lvs.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a CSV row into the referral's JSON tree, so CSV and JSON records pass the same validator. Columns are named
 * by the flattened field path ({@code victim.firstName}, {@code crime.hateStrands}); list fields hold values
 * separated by {@code |}; an empty cell is an absent field; unknown columns are ignored by the validator. Numbers and
 * booleans that do not parse stay text, so the validator names them as wrong types.
 */
public final class CsvReferralRows {

    static final Set<String> INTEGER_PATHS = Set.of("version", "feedSequence", "victim.age");
    static final Set<String> BOOLEAN_PATHS = Set.of("safeguarding.unsafeToContact");
    static final Set<String> LIST_PATHS = Set.of("crime.hateStrands", "victim.vulnerabilities");

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d{1,18}");

    private final String[] header;

    /** @throws CsvFormatException when the header row is missing or names no column */
    public CsvReferralRows(List<String> header) {
        if (header == null || header.stream().allMatch(h -> h.isBlank())) {
            throw new CsvFormatException("no header row");
        }
        this.header = header.stream().map(String::trim).toArray(String[]::new);
    }

    /** Whether the row is an empty line (skipped, not a record). */
    public static boolean isBlank(List<String> row) {
        return row.size() == 1 && row.get(0).isBlank();
    }

    public ObjectNode toTree(List<String> row) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < header.length && i < row.size(); i++) {
            String path = header[i];
            String cell = row.get(i);
            if (path.isEmpty() || cell.isEmpty()) {
                continue;
            }
            put(root, path, value(path, cell));
        }
        return root;
    }

    private static JsonNode value(String path, String cell) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (cell.chars().anyMatch(c -> c < 0x20)) {
            // Trimming would drop a control character unseen: the raw text goes on, and the validator names the field.
            return f.textNode(cell);
        }
        String trimmed = cell.trim();
        if (LIST_PATHS.contains(path)) {
            ArrayNode list = f.arrayNode();
            for (String part : trimmed.split("\\|")) {
                if (!part.isBlank()) {
                    list.add(part.trim());
                }
            }
            return list;
        }
        if (INTEGER_PATHS.contains(path) && WHOLE_NUMBER.matcher(trimmed).matches()) {
            return f.numberNode(Long.parseLong(trimmed));
        }
        if (BOOLEAN_PATHS.contains(path) && (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false"))) {
            return f.booleanNode(Boolean.parseBoolean(trimmed.toLowerCase()));
        }
        return f.textNode(cell);
    }

    private static void put(ObjectNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (!(child instanceof ObjectNode)) {
                child = node.putObject(parts[i]);
            }
            node = (ObjectNode) child;
        }
        node.set(parts[parts.length - 1], value);
    }
}

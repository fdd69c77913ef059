package org.lvs.e2e.edge;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.lvs.contract.event.EventJson;
import org.lvs.e2e.KafkaTool;

/**
 * What every record on a topic must be, whatever reached the edge: JSON whose every string any consumer, PostgreSQL
 * and a CSV cell can hold (no NUL or other control character but tab, CR and LF, no lone surrogate, no
 * noncharacter, no replacement character left by invalid UTF-8, nothing longer than the longest documented field).
 */
final class TopicHygiene {

    static final int LONGEST_FIELD = 2_000;

    private TopicHygiene() {}

    /** What is wrong with the records (topic, offset, field path, kind), never their values. */
    static List<String> problems(List<KafkaTool.Raw> records) {
        List<String> problems = new ArrayList<>();
        for (KafkaTool.Raw record : records) {
            String where = record.topic() + "@" + record.partition() + "/" + record.offset();
            if (record.key() != null && problem(record.key()) != null) {
                problems.add(where + " key: " + problem(record.key()));
            }
            JsonNode tree;
            try {
                tree = EventJson.mapper().readTree(record.value());
            } catch (Exception e) {
                problems.add(where + ": not JSON");
                continue;
            }
            walk(tree, "", where, problems);
        }
        return problems;
    }

    private static void walk(JsonNode node, String path, String where, List<String> problems) {
        if (node.isTextual()) {
            String problem = problem(node.asText());
            if (problem != null) {
                problems.add(where + " " + path + ": " + problem);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String problem = problem(field.getKey());
                if (problem != null) {
                    problems.add(where + " " + path + " (a field name): " + problem);
                }
                walk(field.getValue(), path + "." + field.getKey(), where, problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", where, problems);
            }
        }
    }

    /** Null when the text is safe, else what is wrong with it (the rules of SafeText at the edge). */
    static String problem(String text) {
        if (text.codePointCount(0, text.length()) > LONGEST_FIELD) {
            return "longer than " + LONGEST_FIELD + " characters (" + text.length() + ")";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\t' || c == '\r' || c == '\n') {
                continue;
            }
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                return "control character U+" + String.format("%04X", (int) c);
            }
            int codePoint = c;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return "lone surrogate";
                }
                codePoint = Character.toCodePoint(c, text.charAt(++i));
            } else if (Character.isLowSurrogate(c)) {
                return "lone surrogate";
            }
            if ((codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE) {
                return "noncharacter";
            }
            if (codePoint == 0xFFFD) {
                return "replacement character (invalid UTF-8 let through)";
            }
        }
        return null;
    }
}

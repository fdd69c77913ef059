package org.lvs.sla.persistence;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** A list of enum names kept in one text column, comma-separated ({@code hate_strands}, {@code vulnerabilities}). */
public final class ListColumn {

    private ListColumn() {}

    public static List<String> split(String joined) {
        return joined == null || joined.isBlank() ? List.of() : Arrays.asList(joined.split(","));
    }

    /** Null for none. */
    public static String join(List<? extends Enum<?>> values) {
        return values == null || values.isEmpty()
                ? null
                : values.stream().map(Enum::name).collect(Collectors.joining(","));
    }
}

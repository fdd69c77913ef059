package org.lvs.commons.rest.validation;

/** Reads a name {@link EnumName} accepted. */
public final class EnumNames {

    private EnumNames() {}

    /** The constant {@code name} names (trimmed); null when absent or blank. */
    public static <E extends Enum<E>> E parse(Class<E> type, String name) {
        return name == null || name.isBlank() ? null : Enum.valueOf(type, name.trim());
    }
}

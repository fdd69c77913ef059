package org.lvs.sla.rest.validation;

/**
 * The commons {@link org.lvs.commons.rest.validation.EnumNames}, kept here only because {@code org.lvs.sla.service}
 * still imports this one: point it at the commons class and delete this one.
 */
public final class EnumNames {

    private EnumNames() {}

    /** As {@link org.lvs.commons.rest.validation.EnumNames#parse}. */
    public static <E extends Enum<E>> E parse(Class<E> type, String name) {
        return org.lvs.commons.rest.validation.EnumNames.parse(type, name);
    }
}

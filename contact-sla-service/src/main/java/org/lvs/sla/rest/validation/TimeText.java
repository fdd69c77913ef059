package org.lvs.sla.rest.validation;

import java.time.Instant;

/**
 * The commons {@link org.lvs.commons.rest.validation.TimeText}, kept here only because {@code org.lvs.sla.service}
 * still imports this one: point it at the commons class and delete this one.
 */
public final class TimeText {

    private TimeText() {}

    /** As {@link org.lvs.commons.rest.validation.TimeText#instant(String)}: what {@code @IsoInstant} accepts. */
    public static Instant instant(String text) {
        return org.lvs.commons.rest.validation.TimeText.instant(text);
    }
}

package org.lvs.contract.event;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic event ids: a name-based UUID of what the event records, so a re-publish after a crash carries the
 * same id and consumers drop it.
 */
public final class EventIds {
    private EventIds() {}

    /** A name-based UUID of the parts, e.g. {@code of(referralId, version, "ReferralReceived")}. */
    public static UUID of(Object... parts) {
        StringBuilder name = new StringBuilder("lvs");
        for (Object part : parts) {
            name.append('|').append(part);
        }
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8));
    }
}

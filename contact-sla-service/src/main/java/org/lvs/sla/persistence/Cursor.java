package org.lvs.sla.persistence;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a due-ordered list goes on: the {@code (due_at, referral_id)} of the last row a page showed. A list read
 * after a cursor is one range scan from that key, however deep it goes, where an offset reads and throws away every
 * row before the page. Opaque to clients (base64url), so its form may change.
 */
public record Cursor(Instant dueAt, UUID referralId) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public String token() {
        return ENCODER.encodeToString((dueAt + "|" + referralId).getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor a token names, or {@code null} when it is not one this service gave out. */
    public static Cursor parse(String token) {
        if (token == null || token.length() > 128) {
            return null;
        }
        try {
            String text = new String(DECODER.decode(token), StandardCharsets.US_ASCII);
            int bar = text.indexOf('|');
            if (bar < 0) {
                return null;
            }
            return new Cursor(Instant.parse(text.substring(0, bar)), UUID.fromString(text.substring(bar + 1)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return null;
        }
    }
}

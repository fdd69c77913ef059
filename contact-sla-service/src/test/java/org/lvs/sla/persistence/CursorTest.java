package org.lvs.sla.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void aTokenNamesTheKeyItWasMadeFrom() {
        Cursor cursor = new Cursor(Instant.parse("2017-07-03T09:15:30.123456Z"), UUID.randomUUID());
        assertEquals(cursor, Cursor.parse(cursor.token()));
    }

    @Test
    void anythingElseIsNoCursor() {
        for (String token : new String[] {
            "",
            "not-a-cursor",
            "%%%",
            Base64.getUrlEncoder().encodeToString("2017-07-03T09:15:30Z".getBytes(StandardCharsets.US_ASCII)),
            Base64.getUrlEncoder().encodeToString("yesterday|x".getBytes(StandardCharsets.US_ASCII)),
            "A".repeat(200)
        }) {
            assertNull(Cursor.parse(token), token);
        }
    }
}

package org.lvs.ingest.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormBodyTest {

    static Map<String, String> parse(String body) throws Exception {
        return FormBody.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesAsBrowsersEncode() throws Exception {
        assertEquals(
                Map.of("firstName", "Zoë Ann", "area", "EAST", "empty", "", "flag", ""),
                parse("firstName=Zo%C3%AB+Ann&area=EAST&empty=&flag&&"));
        assertEquals("a=b&c", parse("q=a%3Db%26c").get("q"));
        assertEquals("first", parse("x=first&x=second").get("x"));
        assertEquals("😀", parse("e=%F0%9F%98%80").get("e"));
        assertEquals("Zoë 😀", parse("raw=Zoë+😀").get("raw")); // raw UTF-8 bytes, as lenient clients send
        assertEquals(Map.of(), parse(""));
    }

    @Test
    void brokenEscapesAndInvalidUtf8AreRefused() {
        assertThrows(FormBody.MalformedFormException.class, () -> parse("firstName=%zz"));
        assertThrows(FormBody.MalformedFormException.class, () -> parse("firstName=abc%"));
        assertThrows(FormBody.MalformedFormException.class, () -> parse("firstName=%C3"));
        assertThrows(FormBody.MalformedFormException.class, () -> parse("firstName=%FF%FE"));
        assertThrows(FormBody.MalformedFormException.class, () -> parse("firstName=%ED%A0%80")); // a surrogate
        assertThrows(
                FormBody.MalformedFormException.class,
                () -> FormBody.parse(new byte[] {'a', '=', (byte) 0xC3, (byte) 0x28}));
    }
}

package org.lvs.ingest.domain;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body read strictly: the bytes and every percent-decoded value must be
 * valid in the body's charset (the {@code charset} of its content type; UTF-8, as the form asks browsers to send,
 * when none is given), and every {@code %} must start a two-digit escape. The framework's own form reader replaces broken bytes with
 * U+FFFD and fails with an unchecked exception on a broken escape; a person's form never holds either, so here both
 * are a {@link MalformedFormException} (a 400). The first value of a repeated name counts.
 */
public final class FormBody {

    /** The body is not a form in UTF-8. The message names the kind of fault, never a value. */
    public static final class MalformedFormException extends Exception {
        MalformedFormException(String message) {
            super(message, null, false, false);
        }
    }

    private FormBody() {}

    public static Map<String, String> parse(byte[] body) throws MalformedFormException {
        return parse(body, StandardCharsets.UTF_8);
    }

    public static Map<String, String> parse(byte[] body, Charset charset) throws MalformedFormException {
        String text = decode(body, charset);
        Map<String, String> fields = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return fields;
        }
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = unescape(eq < 0 ? pair : pair.substring(0, eq), charset);
            String value = eq < 0 ? "" : unescape(pair.substring(eq + 1), charset);
            fields.putIfAbsent(name, value);
        }
        return fields;
    }

    private static String unescape(String encoded, Charset charset) throws MalformedFormException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); ) {
            int c = encoded.codePointAt(i);
            if (c == '+') {
                bytes.write(' ');
                i++;
            } else if (c == '%') {
                if (i + 2 >= encoded.length() || hex(encoded.charAt(i + 1)) < 0 || hex(encoded.charAt(i + 2)) < 0) {
                    throw new MalformedFormException("a % in the form does not start a two-digit escape");
                }
                bytes.write(hex(encoded.charAt(i + 1)) << 4 | hex(encoded.charAt(i + 2)));
                i += 3;
            } else {
                bytes.writeBytes(new String(Character.toChars(c)).getBytes(charset));
                i += Character.charCount(c);
            }
        }
        return decode(bytes.toByteArray(), charset);
    }

    /** An ASCII hex digit's value, else -1. */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    private static String decode(byte[] bytes, Charset charset) throws MalformedFormException {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedFormException("the form is not valid " + charset.name());
        }
    }
}

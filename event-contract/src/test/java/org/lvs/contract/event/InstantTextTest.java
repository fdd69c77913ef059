package org.lvs.contract.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InstantTextTest {

    private static final long FIRST_SECOND =
            LocalDate.of(0, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    private static final long LAST_SECOND =
            LocalDate.of(9999, 12, 31).atStartOfDay(ZoneOffset.UTC).toEpochSecond() + 86_399;

    /** The mapping as it was before {@link InstantText}: the reference both ways. */
    private static final ObjectMapper STANDARD = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static List<Instant> instants() {
        Random random = new Random(20261128);
        List<Instant> instants = new ArrayList<>(List.of(
                Instant.EPOCH,
                Instant.ofEpochSecond(-1),
                Instant.ofEpochSecond(-1, 999_999_999),
                Instant.ofEpochSecond(FIRST_SECOND),
                Instant.ofEpochSecond(LAST_SECOND, 999_999_999),
                Instant.parse("2024-02-29T23:59:59.1Z"),
                Instant.parse("2026-11-28T08:00:00.120Z"),
                Instant.parse("2026-11-28T08:00:00.000120Z"),
                Instant.parse("2026-11-28T08:00:00.000000120Z")));
        for (int i = 0; i < 20_000; i++) {
            long second = FIRST_SECOND + (long) (random.nextDouble() * (LAST_SECOND - FIRST_SECOND));
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(second, nanos));
        }
        return instants;
    }

    @Test
    void writesWhatTheIsoFormatterWritesAndReadsItBack() {
        for (Instant instant : instants()) {
            String text = InstantText.format(instant);
            assertEquals(DateTimeFormatter.ISO_INSTANT.format(instant), text);
            assertEquals(instant, InstantText.parseCommon(text), text);
        }
    }

    @Test
    void yearsBeyondFourDigitsAreWrittenWithTheirSign() {
        for (Instant instant :
                List.of(Instant.ofEpochSecond(FIRST_SECOND - 1), Instant.ofEpochSecond(LAST_SECOND + 1), Instant.MAX)) {
            assertEquals(DateTimeFormatter.ISO_INSTANT.format(instant), InstantText.format(instant));
        }
    }

    @Test
    void readsEveryFractionLength() {
        String fraction = "123456789";
        for (int digits = 1; digits <= 9; digits++) {
            String text = "2026-03-29T01:30:00." + fraction.substring(0, digits) + "Z";
            assertEquals(Instant.parse(text), InstantText.parseCommon(text), text);
        }
    }

    private static final List<String> OTHER_FORMS = List.of(
            "2026-03-29T01:30:00+01:00",
            "2026-03-29T01:30:00.5+00:00",
            "2026-03-29t01:30:00z",
            "2026-03-29T24:00:00Z",
            "2026-12-31T23:59:60Z",
            "2026-02-30T10:00:00Z",
            "2026-13-01T10:00:00Z",
            "2026-00-10T10:00:00Z",
            "2026-03-29T10:60:00Z",
            " 2026-03-29T10:00:00Z",
            "2026-03-29T10:00:00Z ",
            "2026-03-29T10:00:00.Z",
            "2026-03-29T10:00:00.1234567890Z",
            "2026-03-29T10:00:00,5Z",
            "2026-03-29T10:00Z",
            "+2026-03-29T10:00:00Z",
            "+12026-03-29T10:00:00Z",
            "-0001-03-29T10:00:00Z",
            "2O26-03-29T10:00:00Z",
            "2026-03-29 10:00:00Z",
            "2026-03-29T1a:00:00Z",
            "1732780800",
            "1732780800.5",
            "",
            "2026-03-29");

    @Test
    void declinesEveryOtherForm() {
        for (String text : OTHER_FORMS) {
            assertNull(InstantText.parseCommon(text), text);
        }
    }

    @Test
    void theMappingReadsAndRefusesWhatTheStandardMappingDoes() throws Exception {
        List<String> texts = new ArrayList<>(OTHER_FORMS);
        instants().stream().limit(500).map(InstantText::format).forEach(texts::add);
        for (String text : texts) {
            String json = STANDARD.writeValueAsString(text);
            assertEquals(outcome(STANDARD, json), outcome(EventJson.mapper(), json), text);
        }
        for (String number : List.of("1732780800", "1732780800.5", "-5", "null")) {
            assertEquals(outcome(STANDARD, number), outcome(EventJson.mapper(), number), number);
        }
    }

    @Test
    void theMappingWritesWhatTheStandardMappingDoes() throws Exception {
        for (Instant instant : instants().subList(0, 2_000)) {
            assertEquals(
                    STANDARD.writeValueAsString(instant), EventJson.mapper().writeValueAsString(instant));
        }
        assertEquals(
                STANDARD.writeValueAsString(Instant.MAX), EventJson.mapper().writeValueAsString(Instant.MAX));
    }

    /** The instant read, or the kind of refusal: both mappings must agree on it. */
    private static String outcome(ObjectMapper mapper, String json) {
        try {
            return String.valueOf(mapper.readValue(json, Instant.class));
        } catch (Exception refused) {
            return "refused: " + refused.getClass().getSimpleName();
        }
    }
}

package org.lvs.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lvs.contract.casework.CaseStatus;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventText;
import org.lvs.contract.event.PersonalDataErased;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.Source;

/**
 * An event written straight from its payload is the text its envelope writes, character for character, whatever the
 * payload holds (nulls, nested records, lists, maps, enums, dates, instants with and without fractions, numbers). Not
 * covered, because no contract payload has one: a {@code BigDecimal}, whose trailing zeros the tree drops.
 */
class EventTextTest {

    private static final Instant AT = Instant.parse("2017-08-14T08:30:00.120Z");

    record Nested(String text, List<String> list, Map<String, Integer> map, double ratio) {}

    record Sample(
            UUID id,
            String text,
            Integer absent,
            CaseStatus status,
            LocalDate date,
            Instant at,
            Instant whole,
            long count,
            boolean flag,
            List<Nested> nested) {}

    @Test
    void aPayloadIsWrittenAsItsEnvelopeWritesIt() {
        Map<String, Integer> scores = new LinkedHashMap<>();
        scores.put("safety", 4);
        scores.put("health", null);
        List<Object> payloads = List.of(
                new Sample(
                        UUID.randomUUID(),
                        "line one\nline \"two\" \u00e9 \ud83d\ude00",
                        null,
                        CaseStatus.OPEN,
                        LocalDate.of(1990, 5, 2),
                        AT,
                        Instant.parse("2017-08-14T08:30:00Z"),
                        Long.MAX_VALUE,
                        true,
                        List.of(
                                new Nested("a", List.of("x", "y"), scores, 0.1),
                                new Nested(null, List.of(), Map.of(), -0.0))),
                new ReferralReceived(UUID.randomUUID(), 2, AT, AT, ContractTest.fullReferral(Consent.EXPLICIT)),
                new ReferralReceived(
                        UUID.randomUUID(),
                        1,
                        AT,
                        AT,
                        ContractTest.fullReferral(Consent.REFUSED).asPublishable()),
                new PersonalDataErased(UUID.randomUUID(), Source.ADT, PersonalDataErased.CONSENT_WITHDRAWN, AT),
                Map.of("only", "a map"));
        for (Object payload : payloads) {
            UUID id = UUID.randomUUID();
            EventText text = EventText.of(id, "SampleHappened", AT, payload);
            assertEquals(EventEnvelope.of(id, "SampleHappened", AT, payload).toJson(), text.json());
            assertEquals(id, text.eventId());
        }
    }

    @Test
    void aReceivedReferralAsTextIsItsEnvelope() {
        ReferralReceived received =
                new ReferralReceived(UUID.randomUUID(), 3, AT, AT, ContractTest.fullReferral(Consent.IMPLIED));
        assertEquals(EventText.of(received.toEnvelope()), received.toText());
    }

    @Test
    void anIncompleteEventIsRefusedAsTheEnvelopeRefusesIt() {
        UUID id = UUID.randomUUID();
        assertThrows(NullPointerException.class, () -> EventText.of(null, "T", AT, "p"));
        assertThrows(NullPointerException.class, () -> EventText.of(id, null, AT, "p"));
        assertThrows(NullPointerException.class, () -> EventText.of(id, "T", null, "p"));
        assertThrows(NullPointerException.class, () -> EventText.of(id, "T", AT, null));
    }
}

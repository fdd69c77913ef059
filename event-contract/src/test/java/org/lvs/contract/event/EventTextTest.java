package org.lvs.contract.event;

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
import org.lvs.contract.referral.Address;
import org.lvs.contract.referral.AgeBand;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.Crime;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.Gender;
import org.lvs.contract.referral.HateStrand;
import org.lvs.contract.referral.PreferredContact;
import org.lvs.contract.referral.Referral;
import org.lvs.contract.referral.Safeguarding;
import org.lvs.contract.referral.Source;
import org.lvs.contract.referral.Victim;
import org.lvs.contract.referral.Vulnerability;

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
                new ReferralReceived(UUID.randomUUID(), 2, AT, AT, referral(Consent.EXPLICIT)),
                new ReferralReceived(
                        UUID.randomUUID(), 1, AT, AT, referral(Consent.REFUSED).asPublishable()),
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
        ReferralReceived received = new ReferralReceived(UUID.randomUUID(), 3, AT, AT, referral(Consent.IMPLIED));
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

    private static Referral referral(Consent consent) {
        Victim victim = new Victim(
                "P-1",
                "Amina",
                "Example",
                LocalDate.parse("1990-05-02"),
                null,
                Gender.FEMALE,
                "07700 900123",
                "amina@example.org",
                new Address("1 Example Street", null, "Preston", "PR1 2AB"),
                PreferredContact.PHONE,
                List.of(Vulnerability.INTIMIDATED),
                AgeBand.FROM_25_TO_34);
        return new Referral(
                Source.ADT,
                "LC-2017-0012345",
                1,
                40213L,
                AT,
                null,
                "CENTRAL",
                new Crime(CrimeCategory.HATE_CRIME, List.of(HateStrand.RELIGION), "described"),
                victim,
                consent,
                null,
                new Safeguarding(false, "risk at home"),
                null,
                null);
    }
}

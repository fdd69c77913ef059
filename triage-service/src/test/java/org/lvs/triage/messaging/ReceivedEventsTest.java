package org.lvs.triage.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lvs.commons.failure.RejectedRecordException;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventTypes;
import org.lvs.contract.event.MalformedEventException;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.contract.referral.Address;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.Crime;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.Referral;
import org.lvs.contract.referral.Source;
import org.lvs.contract.referral.Victim;
import org.lvs.triage.support.Events;

/** What makes a record on referrals.received undecidable, and reasons that never quote personal data. */
class ReceivedEventsTest {

    private static final Instant AT = Instant.parse("2017-08-14T08:30:00Z");

    private static String reason(String json) {
        return assertThrows(MalformedEventException.class, () -> ReceivedEvents.read(json))
                .getMessage();
    }

    @Test
    void aValidEventIsRead() {
        UUID id = UUID.randomUUID();
        var event = Events.received(
                id,
                Events.referral(
                        Source.ADT,
                        "R-1",
                        3,
                        AT,
                        CrimeCategory.THEFT,
                        Events.victim("P-1", "07700900123"),
                        Consent.EXPLICIT),
                AT.plusSeconds(5));
        ReferralReceived read = ReceivedEvents.read(event.toEnvelope().toJson());
        assertEquals(id, read.referralId());
        assertEquals(3, read.version());
        assertEquals(AT.plusSeconds(5), read.receivedAt());
    }

    @Test
    void notJsonNamesOnlyWhereItBroke() {
        String reason = reason("{\"eventId\": Amina-Example");
        assertTrue(reason.startsWith("not JSON"), reason);
        assertFalse(reason.contains("Amina"), reason);
        assertEquals("empty record", reason(" "));
    }

    @Test
    void aBadValueIsNamedByItsPathNotItsContent() {
        UUID id = UUID.randomUUID();
        String json = Events.received(
                        id,
                        Events.referral(
                                Source.ADT,
                                "R-1",
                                1,
                                AT,
                                CrimeCategory.THEFT,
                                Events.victim("P-1", "07700900123"),
                                Consent.EXPLICIT),
                        AT)
                .toEnvelope()
                .toJson()
                .replace("\"1990-05-02\"", "\"2-May-1990 Amina\"");
        String reason = reason(json);
        assertTrue(reason.contains("dateOfBirth"), reason);
        assertFalse(reason.contains("Amina"), reason);
    }

    @Test
    void anotherEventTypeOrAMissingFactIsMalformed() {
        assertTrue(reason(EventEnvelope.of(UUID.randomUUID(), EventTypes.CASE_OPENED, AT, Map.of("x", 1))
                        .toJson())
                .contains("unexpected event type CaseOpened"));
        String withoutRecordedAt = EventEnvelope.of(
                        UUID.randomUUID(),
                        EventTypes.REFERRAL_RECEIVED,
                        AT,
                        Map.of(
                                "referralId",
                                UUID.randomUUID().toString(),
                                "version",
                                1,
                                "referral",
                                Map.of("source", "ADT", "sourceReference", "R-1")))
                .toJson();
        assertTrue(reason(withoutRecordedAt).contains("referral.recordedAt"));
        String withoutReferral = EventEnvelope.of(
                        UUID.randomUUID(),
                        EventTypes.REFERRAL_RECEIVED,
                        AT,
                        Map.of("referralId", UUID.randomUUID().toString(), "version", 1))
                .toJson();
        assertTrue(reason(withoutReferral).contains("referral"));
    }

    @Test
    void unsafePersonalTextIsRejectedByFieldNeverQuoted() {
        var victim = new Victim(
                "P-1\u0000",
                "Amina\u0007",
                "Example",
                null,
                null,
                null,
                "07700900123",
                null,
                new Address("1 Example\u0000Street", null, "Preston", "PR1 2AB"),
                null,
                List.of(),
                null);
        String json = Events.received(
                        UUID.randomUUID(),
                        Events.referral(Source.ADT, "R-1", 1, AT, CrimeCategory.THEFT, victim, Consent.EXPLICIT),
                        AT)
                .toEnvelope()
                .toJson();
        String reason = assertThrows(RejectedRecordException.class, () -> ReceivedEvents.read(json))
                .getMessage();
        assertTrue(reason.contains("referral.victim.personRef must not contain NUL"), reason);
        assertTrue(reason.contains("referral.victim.firstName must not contain control characters"), reason);
        assertTrue(reason.contains("referral.victim.address.line1"), reason);
        assertFalse(reason.contains("Amina") || reason.contains("Example") || reason.contains("P-1"), reason);
    }

    @Test
    void freeTextMayHoldLineBreaksAndStoredFieldsAreLeftToTheDatabase() {
        var referral = Events.referral(
                Source.ADT,
                "R-\u0000",
                1,
                AT,
                CrimeCategory.THEFT,
                Events.victim("P-1", "07700900123"),
                Consent.EXPLICIT);
        var withNotes = new Referral(
                referral.source(),
                referral.sourceReference(),
                1,
                null,
                AT,
                null,
                referral.area(),
                new Crime(CrimeCategory.THEFT, List.of(), "line one\nline two\ttabbed"),
                referral.victim(),
                Consent.EXPLICIT,
                null,
                null,
                null,
                null);
        String json =
                Events.received(UUID.randomUUID(), withNotes, AT).toEnvelope().toJson();
        assertEquals("R-\u0000", ReceivedEvents.read(json).referral().sourceReference());
    }
}

package org.lvs.triage.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventTypes;
import org.lvs.contract.event.MalformedEventException;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.Source;
import org.lvs.triage.support.Events;

/** What makes a record on referrals.received undecidable, and reasons that never quote personal data. */
class ReceivedEventsTest {

    private static final Instant AT = Instant.parse("2017-08-14T08:30:00Z");

    private static String reason(String json) {
        return assertThrows(MalformedEventException.class, () -> ReceivedEvents.read(json)).getMessage();
    }

    @Test
    void aValidEventIsRead() {
        UUID id = UUID.randomUUID();
        var event = Events.received(id, Events.referral(Source.ADT, "R-1", 3, AT, CrimeCategory.THEFT,
                Events.victim("P-1", "07700900123"), Consent.EXPLICIT), AT.plusSeconds(5));
        ReceivedEvents.Received read = ReceivedEvents.read(event.toEnvelope().toJson());
        assertEquals(id, read.payload().referralId());
        assertEquals(3, read.payload().version());
        assertEquals(AT.plusSeconds(5), read.payload().receivedAt());
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
        String json = Events.received(id, Events.referral(Source.ADT, "R-1", 1, AT, CrimeCategory.THEFT,
                Events.victim("P-1", "07700900123"), Consent.EXPLICIT), AT).toEnvelope().toJson()
                .replace("\"1990-05-02\"", "\"2-May-1990 Amina\"");
        String reason = reason(json);
        assertTrue(reason.contains("dateOfBirth"), reason);
        assertFalse(reason.contains("Amina"), reason);
    }

    @Test
    void anotherEventTypeOrAMissingFactIsMalformed() {
        assertTrue(reason(EventEnvelope.of(UUID.randomUUID(), EventTypes.CASE_OPENED, AT, Map.of("x", 1)).toJson())
                .contains("unexpected event type CaseOpened"));
        String withoutRecordedAt = EventEnvelope.of(UUID.randomUUID(), EventTypes.REFERRAL_RECEIVED, AT,
                Map.of("referralId", UUID.randomUUID().toString(), "version", 1,
                        "referral", Map.of("source", "ADT", "sourceReference", "R-1"))).toJson();
        assertTrue(reason(withoutRecordedAt).contains("referral.recordedAt"));
        String withoutReferral = EventEnvelope.of(UUID.randomUUID(), EventTypes.REFERRAL_RECEIVED, AT,
                Map.of("referralId", UUID.randomUUID().toString(), "version", 1)).toJson();
        assertTrue(reason(withoutReferral).contains("referral"));
    }
}

package org.lvs.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.MalformedEventException;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.contract.referral.Address;
import org.lvs.contract.referral.AgeBand;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.ContactRules;
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

class ContractTest {

    private static final Instant RECORDED = Instant.parse("2017-08-14T08:30:00Z");

    @Test
    void ukPhonesFollowTheContract() {
        assertTrue(ContactRules.isValidUkPhone("07700 900123"));
        assertTrue(ContactRules.isValidUkPhone("+447700900123"));
        assertTrue(ContactRules.isValidUkPhone("0123456789"));
        assertFalse(ContactRules.isValidUkPhone("012345678"));
        assertFalse(ContactRules.isValidUkPhone("0770090012345"));
        assertFalse(ContactRules.isValidUkPhone("07700-900123"));
        assertFalse(ContactRules.isValidUkPhone("+337700900123"));
        assertFalse(ContactRules.isValidUkPhone(null));
    }

    @Test
    void emailsNeedASyntacticallyValidAddress() {
        assertTrue(ContactRules.isValidEmail("amina@example.org"));
        assertFalse(ContactRules.isValidEmail("amina@"));
        assertFalse(ContactRules.isValidEmail("amina example@example.org"));
        assertFalse(ContactRules.isValidEmail("amina@example"));
    }

    @Test
    void ageBandIsTakenOnTheLondonDateOfRecordedAt() {
        // 23:30 UTC on 1 May is already 2 May in London (BST): the 18th birthday has been reached.
        Instant lateEvening = Instant.parse("2017-05-01T23:30:00Z");
        assertEquals(AgeBand.FROM_18_TO_24, AgeBand.at(LocalDate.parse("1999-05-02"), null, lateEvening));
        assertEquals(AgeBand.UNDER_18, AgeBand.at(LocalDate.parse("1999-05-03"), null, lateEvening));
        assertEquals(AgeBand.FROM_65, AgeBand.at(null, 65, lateEvening));
        assertEquals(AgeBand.UNKNOWN, AgeBand.at(null, null, lateEvening));
        assertEquals("0-17", AgeBand.UNDER_18.label());
    }

    @Test
    void minimisedReferralCarriesNoPersonalData() {
        Referral referral = fullReferral(Consent.REFUSED);
        Referral published = referral.asPublishable();
        String json = EventJson.write(published);
        for (String personal :
                List.of("Amina", "Example", "P-778812", "07700", "PR1", "1990-05-02", "threatened", "risk at home")) {
            assertFalse(json.contains(personal), () -> "leaked " + personal + " in " + json);
        }
        assertEquals(Gender.FEMALE, published.victim().gender());
        assertEquals(AgeBand.FROM_25_TO_34, published.victim().ageBand());
        assertEquals(List.of(HateStrand.RELIGION), published.crime().hateStrands());
        assertNull(published.crime().description());
    }

    @Test
    void consentedReferralTravelsWhole() {
        Referral referral = fullReferral(Consent.IMPLIED);
        assertEquals(referral, referral.asPublishable());
        assertTrue(referral.victim().hasName());
        assertTrue(referral.victim().hasContactChannel());
    }

    @Test
    void envelopeRoundTripsThroughJson() {
        UUID referralId = UUID.randomUUID();
        ReferralReceived payload =
                new ReferralReceived(referralId, 2, RECORDED, RECORDED, fullReferral(Consent.EXPLICIT));
        EventEnvelope envelope = payload.toEnvelope();
        EventEnvelope read = EventJson.read(envelope.toJson());
        assertEquals(envelope.eventId(), read.eventId());
        assertEquals(ReferralReceived.eventId(referralId, 2), read.eventId());
        assertEquals(payload, read.payloadAs(ReferralReceived.class));
    }

    @Test
    void garbageIsAMalformedEvent() {
        assertThrows(MalformedEventException.class, () -> EventJson.read("not json"));
        assertThrows(MalformedEventException.class, () -> EventJson.read("{\"type\":\"x\"}"));
    }

    static Referral fullReferral(Consent consent) {
        Victim victim = new Victim(
                "P-778812",
                "Amina",
                "Example",
                LocalDate.parse("1990-05-02"),
                null,
                Gender.FEMALE,
                "07700 900123",
                null,
                new Address("1 Example Street", null, "Preston", "PR1 2AB"),
                PreferredContact.PHONE,
                List.of(Vulnerability.INTIMIDATED),
                AgeBand.at(LocalDate.parse("1990-05-02"), null, RECORDED));
        return new Referral(
                Source.ADT,
                "LC-2017-0012345",
                1,
                40213L,
                RECORDED,
                null,
                "CENTRAL",
                new Crime(CrimeCategory.HATE_CRIME, List.of(HateStrand.RELIGION), "threatened outside the mosque"),
                victim,
                consent,
                null,
                new Safeguarding(false, "risk at home"),
                null,
                null);
    }
}

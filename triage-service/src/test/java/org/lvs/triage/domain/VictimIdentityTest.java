package org.lvs.triage.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lvs.contract.referral.Gender;
import org.lvs.contract.referral.Victim;

class VictimIdentityTest {

    private static final IdentityHmac KEY = new IdentityHmac("test-key".getBytes(StandardCharsets.UTF_8));
    private static final LocalDate DOB = LocalDate.of(1990, 5, 2);

    private static Victim victim(String personRef, String first, String last, LocalDate dob) {
        return new Victim(personRef, first, last, dob, null, Gender.FEMALE, null, null, null, null, List.of(), null);
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource({
        "José, jose",
        "'  ZOË ', zoe",
        "Łukasz, łukasz",
        "Amina, amina",
        "Ångström, angstrom",
        "'Mary  Ann', mary ann",
        "Siân, sian"
    })
    void namesIgnoreCaseAccentsAndSurroundingSpaces(String given, String normalised) {
        assertEquals(normalised, VictimIdentity.normaliseName(given));
    }

    @Test
    void theSameVictimWrittenDifferentlyHashesTheSame() {
        VictimIdentity a = VictimIdentity.of(victim(null, "José", "Núñez", DOB), KEY);
        VictimIdentity b = VictimIdentity.of(victim(null, "  jose ", "NUNEZ", DOB), KEY);
        assertEquals(a.nameDobHash(), b.nameDobHash());
        assertNull(a.personRefHash());
    }

    @Test
    void anotherDateOfBirthOrNameIsAnotherIdentity() {
        VictimIdentity a = VictimIdentity.of(victim(null, "Amina", "Example", DOB), KEY);
        assertNotEquals(
                a.nameDobHash(),
                VictimIdentity.of(victim(null, "Amina", "Example", DOB.plusDays(1)), KEY)
                        .nameDobHash());
        assertNotEquals(
                a.nameDobHash(),
                VictimIdentity.of(victim(null, "Amina", "Exemple", DOB), KEY).nameDobHash());
        // first and last name are separate parts: "Ami"+"naExample" is not "Amina"+"Example"
        assertNotEquals(
                a.nameDobHash(),
                VictimIdentity.of(victim(null, "Ami", "naExample", DOB), KEY).nameDobHash());
    }

    @Test
    void personRefIsTrimmedAndHashed() {
        VictimIdentity a = VictimIdentity.of(victim("P-778812", null, null, null), KEY);
        VictimIdentity b = VictimIdentity.of(victim(" P-778812 ", "Other", "Name", DOB), KEY);
        assertEquals(a.personRefHash(), b.personRefHash());
        assertNull(a.nameDobHash());
        assertEquals(List.of(a.personRefHash()), a.hashes());
        assertEquals(64, a.personRefHash().length());
    }

    @Test
    void aNameAndDateOfBirthNeedAllThreeParts() {
        assertTrue(VictimIdentity.of(victim(null, "Amina", null, DOB), KEY).isEmpty());
        assertTrue(
                VictimIdentity.of(victim(null, "Amina", "Example", null), KEY).isEmpty());
        assertTrue(VictimIdentity.of(victim(" ", " ", "Example", DOB), KEY).isEmpty());
    }

    @Test
    void noVictimOrAMinimisedVictimCarriesNoIdentity() {
        assertSame(VictimIdentity.NONE, VictimIdentity.of(null, KEY));
        assertTrue(VictimIdentity.of(victim("P-1", "Amina", "Example", DOB).minimised(), KEY)
                .isEmpty());
    }

    @Test
    void theHashIsKeyedAndRevealsNothing() {
        Victim v = victim("P-778812", "Amina", "Example", DOB);
        VictimIdentity a = VictimIdentity.of(v, KEY);
        VictimIdentity other = VictimIdentity.of(v, new IdentityHmac("another-key".getBytes(StandardCharsets.UTF_8)));
        assertNotEquals(a.personRefHash(), other.personRefHash());
        assertNotEquals(a.nameDobHash(), other.nameDobHash());
        assertNotEquals(a.personRefHash(), a.nameDobHash());
        assertFalse(a.nameDobHash().contains("amina"));
    }
}

package org.lvs.triage.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvs.triage.domain.Referrals.RECORDED;
import static org.lvs.triage.domain.Referrals.contact;
import static org.lvs.triage.domain.Referrals.referral;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.lvs.contract.casework.CaseStatus;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.ReferralDecided;
import org.lvs.contract.referral.Address;
import org.lvs.contract.referral.AgeBand;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.Gender;
import org.lvs.contract.referral.HateStrand;
import org.lvs.contract.referral.RiskLevel;
import org.lvs.contract.referral.Victim;
import org.lvs.contract.referral.Vulnerability;
import org.lvs.contract.triage.DataIssue;
import org.lvs.contract.triage.DecisionOutcome;
import org.lvs.contract.triage.Pathway;
import org.lvs.contract.triage.Priority;
import org.lvs.contract.triage.Reason;
import org.lvs.contract.triage.ReasonCode;
import org.lvs.contract.triage.Strand;

/** Every row of every table of triage-policy.md, its boundaries and its precedence. */
class TriagePolicyTest {

    private static final Instant DECIDED = Instant.parse("2017-08-14T09:00:00Z");
    private static final PolicySettings DEFAULTS = PolicySettings.defaults();
    private static final Address USABLE_ADDRESS = new Address("1 Example Street", null, "Preston", "PR1 2AB");

    private static Decision decide(Referrals r) {
        return decide(r, List.of());
    }

    /**
     * Decides the referral, and checks on every case that its stored facts (PolicyInput, as JSON) give the same
     * decision: what a re-decision rebuilds from.
     */
    private static Decision decide(Referrals r, List<EarlierReferral> earlier) {
        Decision fromReferral = TriagePolicy.decide(r.received(), earlier, DEFAULTS, DECIDED);
        PolicyInput stored = PolicyInput.fromJson(PolicyInput.of(r.received()).toJson());
        assertEquals(fromReferral, TriagePolicy.decide(stored, earlier, DEFAULTS, DECIDED), "decided from its facts");
        return fromReferral;
    }

    private static List<ReasonCode> codes(Decision d) {
        return d.decided().reasons().stream().map(Reason::code).toList();
    }

    private static String detail(Decision d, ReasonCode code) {
        return d.decided().reasons().stream()
                .filter(r -> r.code() == code)
                .findFirst()
                .orElseThrow()
                .detail();
    }

    private static void assertNoCase(ReferralDecided d) {
        assertNull(d.caseStatus());
        assertNull(d.priority());
        assertNull(d.strand());
        assertNull(d.pathway());
        assertNull(d.provider());
        assertNull(d.slaTargetHours());
    }

    @Nested
    class Consent_ {
        @ParameterizedTest
        @CsvSource({"REFUSED, CONSENT_REFUSED", "NOT_RECORDED, CONSENT_NOT_RECORDED"})
        void withoutConsentNoCaseIsOpenedAndThePoliceAreAskedForConsent(Consent consent, ReasonCode reason) {
            Decision d = decide(referral()
                    .category(CrimeCategory.SEXUAL_OFFENCE)
                    .unsafe(true)
                    .consent(consent));

            assertEquals(DecisionOutcome.DECLINED_NO_CONSENT, d.decided().outcome());
            assertEquals(DataIssue.NO_CONSENT, d.decided().dataIssue());
            assertNoCase(d.decided());
            assertEquals(List.of(reason), codes(d));
            assertTrue(d.needsFeedback());
            assertEquals(List.of("consent"), d.missingFields());
        }

        @Test
        void aMinimisedReferralWithoutConsentIsDeclinedNotADataIssue() {
            Victim bare = new Victim(
                    null,
                    null,
                    null,
                    null,
                    null,
                    Gender.MALE,
                    null,
                    null,
                    null,
                    null,
                    List.of(),
                    AgeBand.FROM_25_TO_34);
            Decision d = decide(referral().victim(bare).consent(Consent.REFUSED));

            assertEquals(DecisionOutcome.DECLINED_NO_CONSENT, d.decided().outcome());
            assertEquals(AgeBand.FROM_25_TO_34, d.decided().ageBand());
            assertEquals(Gender.MALE, d.decided().gender());
        }

        @Test
        void noVictimWithoutConsentIsStillAConsentDecision() {
            Decision d = decide(referral().victim(null).consent(Consent.NOT_RECORDED));
            assertEquals(DecisionOutcome.DECLINED_NO_CONSENT, d.decided().outcome());
            assertEquals(List.of(ReasonCode.CONSENT_NOT_RECORDED), codes(d));
        }

        @Test
        void impliedConsentOpensACaseThatWaitsForConsent() {
            Decision d = decide(referral().consent(Consent.IMPLIED));

            assertEquals(DecisionOutcome.CASE_OPENED, d.decided().outcome());
            assertEquals(CaseStatus.AWAITING_CONSENT, d.decided().caseStatus());
            assertNull(d.decided().dataIssue());
            assertEquals(ReasonCode.CONSENT_IMPLIED, codes(d).get(0));
            assertFalse(d.needsFeedback());
        }

        @Test
        void explicitConsentOpensAnOpenCase() {
            Decision d = decide(referral());

            assertEquals(DecisionOutcome.CASE_OPENED, d.decided().outcome());
            assertEquals(CaseStatus.OPEN, d.decided().caseStatus());
            assertEquals(List.of(ReasonCode.CONSENT_EXPLICIT, ReasonCode.STANDARD, ReasonCode.ROUTE_CORE), codes(d));
            assertEquals(120, d.decided().slaTargetHours());
        }
    }

    @Nested
    class DataQuality {
        @Test
        void noVictimIsNoData() {
            Decision d = decide(referral().victim(null));

            assertEquals(DecisionOutcome.DATA_ISSUE, d.decided().outcome());
            assertEquals(DataIssue.NO_DATA, d.decided().dataIssue());
            assertNoCase(d.decided());
            assertEquals(List.of(ReasonCode.CONSENT_EXPLICIT, ReasonCode.NO_DATA), codes(d));
            assertEquals(List.of("victim"), d.missingFields());
        }

        @Test
        void anEmptyVictimOrOneWithNeitherNameNorChannelIsNoData() {
            Victim empty = new Victim(null, null, null, null, null, null, null, null, null, null, null, null);
            Victim invalidOnly = contact(" ", "", "12345", "not-an-email", new Address("1 Street", null, null, null));
            for (Victim v : List.of(empty, invalidOnly)) {
                Decision d = decide(referral().victim(v).unsafe(true));
                assertEquals(DecisionOutcome.DATA_ISSUE, d.decided().outcome());
                assertEquals(DataIssue.NO_DATA, d.decided().dataIssue());
                assertNoCase(d.decided());
                assertEquals(List.of(ReasonCode.CONSENT_EXPLICIT, ReasonCode.NO_DATA), codes(d));
                assertEquals(
                        List.of(
                                "victim.firstName",
                                "victim.lastName",
                                "victim.phone",
                                "victim.email",
                                "victim.address"),
                        d.missingFields());
            }
        }

        @Test
        void aNameButNoContactChannelOpensACaseAwaitingInformation() {
            Decision d = decide(referral().victim(contact("Amina", null, null, null, null)));

            assertEquals(DecisionOutcome.CASE_OPENED, d.decided().outcome());
            assertEquals(DataIssue.INSUFFICIENT_DATA, d.decided().dataIssue());
            assertEquals(CaseStatus.AWAITING_INFORMATION, d.decided().caseStatus());
            assertEquals(
                    List.of(
                            ReasonCode.CONSENT_EXPLICIT,
                            ReasonCode.INSUFFICIENT_NO_CONTACT_CHANNEL,
                            ReasonCode.STANDARD,
                            ReasonCode.ROUTE_CORE),
                    codes(d));
            assertTrue(d.needsFeedback());
            assertEquals(List.of("victim.phone", "victim.email", "victim.address"), d.missingFields());
        }

        @Test
        void aContactChannelButNoNameOpensACaseAwaitingInformation() {
            Decision d = decide(referral().victim(contact(null, "  ", "07700900123", null, null)));

            assertEquals(DataIssue.INSUFFICIENT_DATA, d.decided().dataIssue());
            assertEquals(CaseStatus.AWAITING_INFORMATION, d.decided().caseStatus());
            assertEquals(
                    List.of(
                            ReasonCode.CONSENT_EXPLICIT,
                            ReasonCode.INSUFFICIENT_NO_NAME,
                            ReasonCode.STANDARD,
                            ReasonCode.ROUTE_CORE),
                    codes(d));
            assertEquals(List.of("victim.firstName", "victim.lastName"), d.missingFields());
        }

        @Test
        void bothIsNoDataIssue() {
            Decision d = decide(referral());
            assertNull(d.decided().dataIssue());
            assertEquals(List.of(), d.missingFields());
        }

        @ParameterizedTest(name = "first={0} last={1} has name: {2}")
        @CsvSource(
                nullValues = "null",
                value = {
                    "Amina, null, true",
                    "null, Example, true",
                    "' ', Example, true",
                    "'  ', '', false",
                    "null, null, false"
                })
        void aNameIsAFirstOrLastNameThatIsNotBlank(String first, String last, boolean hasName) {
            Decision d = decide(referral().victim(contact(first, last, "07700900123", null, null)));
            assertEquals(!hasName, codes(d).contains(ReasonCode.INSUFFICIENT_NO_NAME));
        }

        @ParameterizedTest(name = "phone [{0}] valid: {1}")
        @CsvSource(
                nullValues = "null",
                value = {
                    "07700900123, true", "07700 900 123, true", "+447700900123, true", "+44 7700 900123, true",
                    "0161496000, true", "0123456789, true", "01234567, false", "012345678901, false",
                    "+4477009001234, false", "447700900123, false", "0770090012a, false", "07700-900123, false",
                    "'', false", "null, false", "+44770090, false"
                })
        void aPhoneIsAUkNumber(String phone, boolean valid) {
            assertChannel(contact("Amina", null, phone, null, null), valid);
        }

        @ParameterizedTest(name = "email [{0}] valid: {1}")
        @CsvSource(
                nullValues = "null",
                value = {
                    "amina@example.org, true",
                    "a.b+c@mail.example.co.uk, true",
                    "amina@example, false",
                    "amina.example.org, false",
                    "amina@@example.org, false",
                    "am ina@example.org, false",
                    "@example.org, false",
                    "amina@.org, false",
                    "'', false",
                    "null, false",
                    "a..b@example.org, false"
                })
        void anEmailIsSyntacticallyValid(String email, boolean valid) {
            assertChannel(contact("Amina", null, null, email, null), valid);
        }

        @ParameterizedTest(name = "address line1=[{0}] postcode=[{1}] usable: {2}")
        @CsvSource(
                nullValues = "null",
                value = {
                    "1 Example Street, PR1 2AB, true",
                    "1 Example Street, null, false",
                    "null, PR1 2AB, false",
                    "' ', PR1 2AB, false",
                    "1 Example Street, '', false"
                })
        void anAddressNeedsLine1AndPostcode(String line1, String postcode, boolean valid) {
            assertChannel(contact("Amina", null, null, null, new Address(line1, null, "Preston", postcode)), valid);
        }

        @Test
        void anInvalidPhoneIsKeptButAnotherValidChannelStillCounts() {
            assertChannel(contact("Amina", null, "12345", "amina@example.org", null), true);
            assertChannel(contact("Amina", null, "12345", null, USABLE_ADDRESS), true);
        }

        private void assertChannel(Victim victim, boolean valid) {
            Decision d = decide(referral().victim(victim));
            assertEquals(valid ? null : DataIssue.INSUFFICIENT_DATA, d.decided().dataIssue());
            assertEquals(!valid, codes(d).contains(ReasonCode.INSUFFICIENT_NO_CONTACT_CHANNEL));
        }
    }

    @Nested
    class CaseStatus_ {
        static Stream<Arguments> rows() {
            Victim nameOnly = contact("Amina", null, null, null, null);
            return Stream.of(
                    Arguments.of(true, Consent.IMPLIED, nameOnly, CaseStatus.SCREENING),
                    Arguments.of(true, Consent.EXPLICIT, Referrals.adult(), CaseStatus.SCREENING),
                    Arguments.of(true, Consent.EXPLICIT, nameOnly, CaseStatus.SCREENING),
                    Arguments.of(false, Consent.IMPLIED, nameOnly, CaseStatus.AWAITING_CONSENT),
                    Arguments.of(false, Consent.IMPLIED, Referrals.adult(), CaseStatus.AWAITING_CONSENT),
                    Arguments.of(false, Consent.EXPLICIT, nameOnly, CaseStatus.AWAITING_INFORMATION),
                    Arguments.of(false, Consent.EXPLICIT, Referrals.adult(), CaseStatus.OPEN));
        }

        @ParameterizedTest(name = "unsafe={0} consent={1} -> {3}")
        @MethodSource("rows")
        void theFirstStatusThatAppliesWins(boolean unsafe, Consent consent, Victim victim, CaseStatus expected) {
            Decision d = decide(referral().unsafe(unsafe).consent(consent).victim(victim));
            assertEquals(expected, d.decided().caseStatus());
            assertEquals(unsafe, codes(d).contains(ReasonCode.UNSAFE_TO_CONTACT));
        }
    }

    @Nested
    class Priority_ {
        static Stream<CrimeCategory> mostSerious() {
            return PolicySettings.defaultMostSeriousCrimes().stream();
        }

        static Stream<CrimeCategory> notMostSerious() {
            return EnumSet.complementOf(EnumSet.copyOf(PolicySettings.defaultMostSeriousCrimes())).stream();
        }

        @ParameterizedTest
        @MethodSource("mostSerious")
        void mostSeriousCrimesArePriority(CrimeCategory category) {
            Decision d = decide(referral().category(category).risk(RiskLevel.HIGH));
            assertEquals(Priority.PRIORITY, d.decided().priority());
            assertEquals(category.name(), detail(d, ReasonCode.PRIORITY_MOST_SERIOUS_CRIME));
            assertFalse(codes(d).contains(ReasonCode.STANDARD));
            assertEquals(48, d.decided().slaTargetHours());
        }

        @ParameterizedTest
        @MethodSource("notMostSerious")
        void otherCrimesAreStandard(CrimeCategory category) {
            Decision d = decide(referral().category(category));
            assertEquals(Priority.STANDARD, d.decided().priority());
            assertEquals(List.of(ReasonCode.CONSENT_EXPLICIT, ReasonCode.STANDARD, ReasonCode.ROUTE_CORE), codes(d));
            assertEquals(120, d.decided().slaTargetHours());
        }

        @ParameterizedTest
        @EnumSource(value = Vulnerability.class, mode = EnumSource.Mode.EXCLUDE, names = "REPEAT_VICTIM")
        void anyVulnerabilityButRepeatVictimIsPriorityVulnerable(Vulnerability flag) {
            Decision d = decide(referral().vulnerabilities(flag));
            assertEquals(Priority.PRIORITY, d.decided().priority());
            assertEquals(
                    List.of(ReasonCode.CONSENT_EXPLICIT, ReasonCode.PRIORITY_VULNERABLE, ReasonCode.ROUTE_CORE),
                    codes(d));
            assertEquals(flag.name(), detail(d, ReasonCode.PRIORITY_VULNERABLE));
        }

        @Test
        void theRepeatVictimFlagIsPersistentlyTargetedNotVulnerable() {
            Decision d = decide(referral().vulnerabilities(Vulnerability.REPEAT_VICTIM));
            assertEquals(Priority.PRIORITY, d.decided().priority());
            assertEquals(
                    List.of(
                            ReasonCode.CONSENT_EXPLICIT,
                            ReasonCode.PRIORITY_PERSISTENTLY_TARGETED,
                            ReasonCode.ROUTE_CORE),
                    codes(d));
            assertEquals("REPEAT_VICTIM", detail(d, ReasonCode.PRIORITY_PERSISTENTLY_TARGETED));
        }

        @Test
        void everyRuleThatHoldsAddsItsReason() {
            Decision d = decide(referral()
                    .category(CrimeCategory.TERRORISM)
                    .dateOfBirth(LocalDate.of(2005, 1, 1), null)
                    .vulnerabilities(Vulnerability.REPEAT_VICTIM, Vulnerability.INTIMIDATED));
            assertEquals(
                    List.of(
                            ReasonCode.CONSENT_EXPLICIT,
                            ReasonCode.PRIORITY_UNDER_18,
                            ReasonCode.PRIORITY_MOST_SERIOUS_CRIME,
                            ReasonCode.PRIORITY_VULNERABLE,
                            ReasonCode.PRIORITY_PERSISTENTLY_TARGETED,
                            ReasonCode.ROUTE_UNDER_18),
                    codes(d));
        }
    }

    @Nested
    class Under18 {
        // 2017-08-14T23:30Z is already 15 August in London (BST); the UTC date is still the 14th.
        private final Referrals lateEvening = referral().recordedAt(Instant.parse("2017-08-14T23:30:00Z"));

        @ParameterizedTest(name = "born {0} -> under 18: {1}")
        @CsvSource({
            "1999-08-15, false",
            "1999-08-16, true",
            "1999-08-14, false",
            "2010-01-01, true",
            "1960-01-01, false"
        })
        void ageIsTakenOnTheLondonDateOfRecordedAt(LocalDate dob, boolean under18) {
            Decision d = decide(lateEvening.dateOfBirth(dob, null));
            assertEquals(under18, codes(d).contains(ReasonCode.PRIORITY_UNDER_18));
            assertEquals(under18 ? Strand.NEST : Strand.CORE, d.decided().strand());
            assertEquals(under18, d.decided().ageBand() == AgeBand.UNDER_18);
        }

        @Test
        void theEighteenthBirthdayInWinterUsesGmt() {
            Referrals winter = referral().recordedAt(Instant.parse("2018-01-15T00:10:00Z"));
            assertFalse(TriagePolicy.isUnder18(
                    winter.dateOfBirth(LocalDate.of(2000, 1, 15), null).victim(), winter.recordedAt()));
            assertTrue(TriagePolicy.isUnder18(
                    winter.dateOfBirth(LocalDate.of(2000, 1, 16), null).victim(), winter.recordedAt()));
        }

        @ParameterizedTest(name = "age {0} -> under 18: {1}")
        @CsvSource({"0, true", "17, true", "18, false", "45, false"})
        void withoutDateOfBirthTheAgeCounts(int age, boolean under18) {
            Decision d = decide(referral().dateOfBirth(null, age));
            assertEquals(under18, codes(d).contains(ReasonCode.PRIORITY_UNDER_18));
        }

        @Test
        void dateOfBirthWinsOverAge() {
            assertFalse(codes(decide(referral().dateOfBirth(LocalDate.of(1980, 1, 1), 12)))
                    .contains(ReasonCode.PRIORITY_UNDER_18));
            assertTrue(codes(decide(referral().dateOfBirth(LocalDate.of(2010, 1, 1), 40)))
                    .contains(ReasonCode.PRIORITY_UNDER_18));
        }

        @Test
        void unknownAgeIsNotUnder18() {
            Decision d = decide(referral().dateOfBirth(null, null));
            assertFalse(codes(d).contains(ReasonCode.PRIORITY_UNDER_18));
            assertEquals(AgeBand.UNKNOWN, d.decided().ageBand());
        }
    }

    @Nested
    class RepeatVictims {
        private final Referrals current = referral();

        private EarlierReferral other(String ref, Instant recordedAt) {
            return new EarlierReferral(UUID.nameUUIDFromBytes(ref.getBytes()), ref, recordedAt);
        }

        private boolean persistentlyTargeted(List<EarlierReferral> earlier) {
            Decision d = decide(current, earlier);
            return codes(d).contains(ReasonCode.PRIORITY_PERSISTENTLY_TARGETED);
        }

        @Test
        void exactlyTwoOtherReferralsInTheWindowArePersistentlyTargeted() {
            Decision d = decide(
                    current,
                    List.of(
                            other("A", RECORDED.minus(Duration.ofDays(10))),
                            other("B", RECORDED.minus(Duration.ofDays(300)))));
            assertEquals(Priority.PRIORITY, d.decided().priority());
            assertEquals(TriagePolicy.REPEAT_VICTIM_DETECTED, detail(d, ReasonCode.PRIORITY_PERSISTENTLY_TARGETED));
            assertEquals(48, d.decided().slaTargetHours());
        }

        @Test
        void oneOtherReferralIsNotEnough() {
            assertFalse(persistentlyTargeted(List.of(other("A", RECORDED.minus(Duration.ofDays(1))))));
        }

        @Test
        void theWindowIsOpenAtMinus365DaysAndClosedAtRecordedAt() {
            EarlierReferral atRecordedAt = other("A", RECORDED);
            EarlierReferral justInside =
                    other("B", RECORDED.minus(Duration.ofDays(365)).plusSeconds(1));
            EarlierReferral exactly365 = other("C", RECORDED.minus(Duration.ofDays(365)));
            EarlierReferral later = other("D", RECORDED.plusSeconds(1));

            assertTrue(persistentlyTargeted(List.of(atRecordedAt, justInside)));
            assertFalse(persistentlyTargeted(List.of(atRecordedAt, exactly365)));
            assertFalse(persistentlyTargeted(List.of(justInside, later)));
        }

        @Test
        void onlyOtherDistinctReferralsCount() {
            EarlierReferral a = other("A", RECORDED.minus(Duration.ofDays(2)));
            EarlierReferral sameAsCurrent = new EarlierReferral(
                    current.referralId(), current.sourceReference(), RECORDED.minus(Duration.ofDays(5)));
            EarlierReferral sameReference = new EarlierReferral(
                    UUID.randomUUID(), current.sourceReference(), RECORDED.minus(Duration.ofDays(5)));
            assertFalse(persistentlyTargeted(List.of(a, a)));
            assertFalse(persistentlyTargeted(List.of(a, sameAsCurrent)));
            assertFalse(persistentlyTargeted(List.of(a, sameReference)));
        }

        @Test
        void theCountAndWindowAreConfiguration() {
            PolicySettings strict = new PolicySettings(
                    PolicySettings.defaultMostSeriousCrimes(),
                    48,
                    120,
                    PolicySettings.defaultHateCrimeProviders(),
                    "CORE",
                    Duration.ofDays(30),
                    1,
                    "test-1");
            Decision d = TriagePolicy.decide(
                    current.received(), List.of(other("A", RECORDED.minus(Duration.ofDays(29)))), strict, DECIDED);
            assertTrue(codes(d).contains(ReasonCode.PRIORITY_PERSISTENTLY_TARGETED));
            Decision outside = TriagePolicy.decide(
                    current.received(), List.of(other("A", RECORDED.minus(Duration.ofDays(31)))), strict, DECIDED);
            assertFalse(codes(outside).contains(ReasonCode.PRIORITY_PERSISTENTLY_TARGETED));
        }
    }

    @Nested
    class Routing {
        static Stream<Arguments> rows() {
            return Stream.of(
                    Arguments.of(
                            CrimeCategory.SEXUAL_OFFENCE,
                            null,
                            Strand.SEXUAL_VIOLENCE,
                            Pathway.ISVA,
                            List.of(ReasonCode.ROUTE_SEXUAL_VIOLENCE)),
                    Arguments.of(
                            CrimeCategory.DOMESTIC_ABUSE,
                            RiskLevel.HIGH,
                            Strand.DOMESTIC_ABUSE,
                            Pathway.IDVA,
                            List.of(ReasonCode.ROUTE_DA_HIGH_MEDIUM_RISK)),
                    Arguments.of(
                            CrimeCategory.DOMESTIC_ABUSE,
                            RiskLevel.MEDIUM,
                            Strand.DOMESTIC_ABUSE,
                            Pathway.IDVA,
                            List.of(ReasonCode.ROUTE_DA_HIGH_MEDIUM_RISK)),
                    Arguments.of(
                            CrimeCategory.DOMESTIC_ABUSE,
                            RiskLevel.STANDARD,
                            Strand.DOMESTIC_ABUSE,
                            Pathway.IVA,
                            List.of(ReasonCode.ROUTE_DA_STANDARD_RISK)),
                    Arguments.of(
                            CrimeCategory.DOMESTIC_ABUSE,
                            null,
                            Strand.DOMESTIC_ABUSE,
                            Pathway.IVA,
                            List.of(ReasonCode.ROUTE_DA_STANDARD_RISK, ReasonCode.DA_RISK_NOT_GRADED)),
                    Arguments.of(
                            CrimeCategory.HATE_CRIME,
                            null,
                            Strand.HATE_CRIME,
                            Pathway.HATE_CRIME_PARTNER,
                            List.of(ReasonCode.ROUTE_HATE_CRIME)),
                    Arguments.of(
                            CrimeCategory.ASSAULT,
                            RiskLevel.HIGH,
                            Strand.CORE,
                            Pathway.CORE,
                            List.of(ReasonCode.ROUTE_CORE)),
                    Arguments.of(
                            CrimeCategory.TERRORISM, null, Strand.CORE, Pathway.CORE, List.of(ReasonCode.ROUTE_CORE)));
        }

        @ParameterizedTest(name = "{0} risk {1} -> {2}/{3}")
        @MethodSource("rows")
        void theFirstRouteThatApplies(
                CrimeCategory category, RiskLevel risk, Strand strand, Pathway pathway, List<ReasonCode> routeReasons) {
            Decision d = decide(referral().category(category).risk(risk));
            assertEquals(strand, d.decided().strand());
            assertEquals(pathway, d.decided().pathway());
            List<ReasonCode> all = codes(d);
            assertEquals(routeReasons, all.subList(all.size() - routeReasons.size(), all.size()));
            if (category != CrimeCategory.HATE_CRIME) {
                assertNull(d.decided().provider());
            }
        }

        @ParameterizedTest
        @EnumSource(CrimeCategory.class)
        void under18GoesToNestWhateverTheCrime(CrimeCategory category) {
            Decision d = decide(referral()
                    .category(category, HateStrand.RELIGION)
                    .risk(RiskLevel.HIGH)
                    .dateOfBirth(null, 15));
            assertEquals(Strand.NEST, d.decided().strand());
            assertEquals(Pathway.NEST, d.decided().pathway());
            assertNull(d.decided().provider());
            assertEquals(ReasonCode.ROUTE_UNDER_18, codes(d).get(codes(d).size() - 1));
        }

        @ParameterizedTest(name = "strands {0} -> {1}")
        @CsvSource({
            "RELIGION, LANCASHIRE_COUNCIL_OF_MOSQUES",
            "DISABILITY, DENW",
            "SEXUAL_ORIENTATION, RENAISSANCE",
            "TRANSGENDER, RENAISSANCE",
            "RACE, CORE",
            "OTHER, CORE",
            "'', CORE",
            "RELIGION|DISABILITY, LANCASHIRE_COUNCIL_OF_MOSQUES",
            "RACE|RELIGION, CORE",
            "DISABILITY|TRANSGENDER, DENW",
            "TRANSGENDER|RELIGION, RENAISSANCE"
        })
        void theHateCrimeProviderComesFromTheFirstListedStrand(String strands, String provider) {
            HateStrand[] listed = strands.isEmpty()
                    ? new HateStrand[0]
                    : Arrays.stream(strands.split("\\|"))
                            .map(HateStrand::valueOf)
                            .toArray(HateStrand[]::new);
            Decision d = decide(referral().category(CrimeCategory.HATE_CRIME, listed));
            assertEquals(provider, d.decided().provider());
            assertEquals(Pathway.HATE_CRIME_PARTNER, d.decided().pathway());
            assertEquals(provider, detail(d, ReasonCode.ROUTE_HATE_CRIME));
        }

        @Test
        void providersAreConfiguration() {
            PolicySettings custom = new PolicySettings(
                    PolicySettings.defaultMostSeriousCrimes(),
                    48,
                    120,
                    Map.of(HateStrand.RACE, "RACE_PARTNER"),
                    "DEFAULT_PARTNER",
                    Duration.ofDays(365),
                    2,
                    "x");
            assertEquals(
                    "RACE_PARTNER",
                    TriagePolicy.decide(
                                    referral()
                                            .category(CrimeCategory.HATE_CRIME, HateStrand.RACE)
                                            .received(),
                                    List.of(),
                                    custom,
                                    DECIDED)
                            .decided()
                            .provider());
            assertEquals(
                    "DEFAULT_PARTNER",
                    TriagePolicy.decide(
                                    referral()
                                            .category(CrimeCategory.HATE_CRIME, HateStrand.RELIGION)
                                            .received(),
                                    List.of(),
                                    custom,
                                    DECIDED)
                            .decided()
                            .provider());
        }
    }

    @Nested
    class TargetsAndConfiguration {
        @Test
        void targetsAndPolicyVersionAreConfiguration() {
            PolicySettings custom = new PolicySettings(
                    EnumSet.of(CrimeCategory.BURGLARY),
                    24,
                    72,
                    PolicySettings.defaultHateCrimeProviders(),
                    "CORE",
                    Duration.ofDays(365),
                    2,
                    "2018-1");
            ReferralDecided burglary = TriagePolicy.decide(referral().received(), List.of(), custom, DECIDED)
                    .decided();
            ReferralDecided theft = TriagePolicy.decide(
                            referral().category(CrimeCategory.THEFT).received(), List.of(), custom, DECIDED)
                    .decided();
            assertEquals(Priority.PRIORITY, burglary.priority());
            assertEquals(24, burglary.slaTargetHours());
            assertEquals(72, theft.slaTargetHours());
            assertEquals("2018-1", theft.policyVersion());
        }

        @Test
        void defaultsAreTheSpecsValues() {
            assertEquals("2017-1", DEFAULTS.policyVersion());
            assertEquals(48, DEFAULTS.priorityTargetHours());
            assertEquals(120, DEFAULTS.standardTargetHours());
            assertEquals(Duration.ofDays(365), DEFAULTS.repeatWindow());
            assertEquals(2, DEFAULTS.repeatCount());
            assertEquals(9, DEFAULTS.mostSeriousCrimes().size());
        }
    }

    @Nested
    class TheWholeDecision {
        @Test
        void reasonsFollowTheOrderOfTheSpecsSections() {
            Victim nameOnly = new Victim(
                    "P-1",
                    "Amina",
                    null,
                    LocalDate.of(2004, 3, 1),
                    null,
                    Gender.FEMALE,
                    null,
                    null,
                    null,
                    null,
                    List.of(Vulnerability.MENTAL_HEALTH),
                    null);
            Decision d = decide(
                    referral()
                            .consent(Consent.IMPLIED)
                            .victim(nameOnly)
                            .unsafe(true)
                            .category(CrimeCategory.SEXUAL_OFFENCE),
                    List.of(
                            new EarlierReferral(UUID.randomUUID(), "X-1", RECORDED.minus(Duration.ofDays(3))),
                            new EarlierReferral(UUID.randomUUID(), "X-2", RECORDED.minus(Duration.ofDays(4)))));
            assertEquals(
                    List.of(
                            ReasonCode.CONSENT_IMPLIED,
                            ReasonCode.INSUFFICIENT_NO_CONTACT_CHANNEL,
                            ReasonCode.UNSAFE_TO_CONTACT,
                            ReasonCode.PRIORITY_UNDER_18,
                            ReasonCode.PRIORITY_MOST_SERIOUS_CRIME,
                            ReasonCode.PRIORITY_VULNERABLE,
                            ReasonCode.PRIORITY_PERSISTENTLY_TARGETED,
                            ReasonCode.ROUTE_UNDER_18),
                    codes(d));
            assertEquals(CaseStatus.SCREENING, d.decided().caseStatus());
            assertEquals(Strand.NEST, d.decided().strand());
        }

        @Test
        void theSameInputAlwaysGivesTheSameDecision() {
            Referrals r = referral().category(CrimeCategory.HATE_CRIME, HateStrand.DISABILITY);
            assertEquals(decide(r), decide(r));
        }

        @Test
        void theDecisionCarriesTheFactsButNoPersonalData() {
            Referrals r = referral().category(CrimeCategory.DOMESTIC_ABUSE).risk(RiskLevel.MEDIUM);
            ReferralDecided d = decide(r).decided();
            assertEquals(r.referralId(), d.referralId());
            assertEquals("LC-2017-0012345", d.sourceReference());
            assertEquals(1, d.version());
            assertEquals("2017-1", d.policyVersion());
            assertEquals(DECIDED, d.decidedAt());
            assertEquals(RECORDED, d.recordedAt());
            assertEquals(r.receivedAt(), d.receivedAt());
            assertEquals(AgeBand.FROM_25_TO_34, d.ageBand());
            assertEquals(RiskLevel.MEDIUM, d.riskLevel());
            assertEquals("CENTRAL", d.area());
            String json = EventJson.write(d);
            for (String personal : List.of("Amina", "Example", "07700", "PR1", "P-778812", "1990", "what happened")) {
                assertFalse(json.contains(personal), personal);
            }
        }
    }
}

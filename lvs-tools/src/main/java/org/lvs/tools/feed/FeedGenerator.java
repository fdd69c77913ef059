package org.lvs.tools.feed;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lvs.contract.referral.Address;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.Crime;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.Gender;
import org.lvs.contract.referral.HateStrand;
import org.lvs.contract.referral.HowHeard;
import org.lvs.contract.referral.PreferredContact;
import org.lvs.contract.referral.Referral;
import org.lvs.contract.referral.RiskLevel;
import org.lvs.contract.referral.Safeguarding;
import org.lvs.contract.referral.Source;
import org.lvs.contract.referral.Victim;
import org.lvs.contract.referral.Vulnerability;

/**
 * Generates the synthetic referral feed of 2017-18 Q1 and Q2: exactly the configured number of referrals first
 * received in each quarter, their amendments, and (through {@link CaseWorkPlanner}) the case work. A pure function
 * of {@link FeedSettings}.
 */
public final class FeedGenerator {

    /** How a record's victim data looks before any amendment. */
    enum DataShape {
        COMPLETE,
        NO_VICTIM,
        NOTHING_USABLE,
        NO_CHANNEL,
        NO_NAME
    }

    /** A victim the generator invented; repeat victims come back with the same identity. */
    static final class Person {
        final String personRef;
        final String firstName;
        final String lastName;
        final LocalDate dateOfBirth;
        final Gender gender;
        final String phone;
        final String email;
        final Address address;
        final PreferredContact preferredContact;
        int referrals;
        Instant lastReceivedAt;

        Person(
                String personRef,
                String firstName,
                String lastName,
                LocalDate dateOfBirth,
                Gender gender,
                String phone,
                String email,
                Address address,
                PreferredContact preferredContact) {
            this.personRef = personRef;
            this.firstName = firstName;
            this.lastName = lastName;
            this.dateOfBirth = dateOfBirth;
            this.gender = gender;
            this.phone = phone;
            this.email = email;
            this.address = address;
            this.preferredContact = preferredContact;
        }
    }

    /** One referral before feed sequence numbers are assigned. */
    static final class Draft {
        Source source;
        String sourceReference;
        Instant receivedAt;
        Instant recordedAt;
        String area;
        CrimeCategory category;
        List<HateStrand> hateStrands = List.of();
        RiskLevel riskLevel;
        Person person;
        Consent consent;
        List<Vulnerability> vulnerabilities = List.of();
        boolean unsafe;
        DataShape shape;
        HowHeard howHeard;
        /** When the police sent a corrected version 2 (consent given, data completed), or null. */
        Instant amendedAt;

        Referral first;
        Referral amendment;
    }

    static final List<String> AREAS = List.of("NORTH", "CENTRAL", "EAST", "WEST", "SOUTH", "UNKNOWN");
    private static final List<Source> SOURCES =
            List.of(Source.ADT, Source.MASH, Source.OFFICER_DIRECT, Source.PARTNER, Source.SELF);

    private final FeedSettings settings;
    private final Dice dice;
    private final List<Person> knownVictims = new ArrayList<>();
    private final List<Person> repeatVictims = new ArrayList<>();
    private final Map<Source, Integer> references = new EnumMap<>(Source.class);
    private int people;

    private FeedGenerator(FeedSettings settings) {
        this.settings = settings;
        this.dice = new Dice(settings.seed());
    }

    public static Feed generate(FeedSettings settings) {
        return new FeedGenerator(settings).generate();
    }

    private Feed generate() {
        List<Draft> drafts = new ArrayList<>();
        for (Quarter quarter : Quarter.values()) {
            for (Instant receivedAt : receivedTimes(quarter, settings.referrals(quarter))) {
                drafts.add(draft(quarter, receivedAt));
            }
        }
        assignFeedSequencesAndBuild(drafts);
        List<Referral> firsts = drafts.stream().map(d -> d.first).toList();
        List<Referral> amendments = drafts.stream()
                .filter(d -> d.amendment != null)
                .sorted(Comparator.comparing(d -> d.amendedAt))
                .map(d -> d.amendment)
                .toList();
        List<CasePlan> cases = new CaseWorkPlanner(settings, new Dice(settings.seed() * 31 + 7)).plan(drafts);
        return new Feed(settings, firsts, amendments, cases);
    }

    /** {@code count} receive times spread over the quarter's days (weekdays busier), 07:00 to 21:00 London, sorted. */
    private List<Instant> receivedTimes(Quarter quarter, int count) {
        List<LocalDate> days =
                quarter.start().datesUntil(quarter.endExclusive()).toList();
        double[] weights = days.stream()
                .mapToDouble(d -> switch (d.getDayOfWeek()) {
                    case SATURDAY, SUNDAY -> 0.55;
                    case MONDAY -> 1.25;
                    default -> 1.0;
                })
                .toArray();
        List<Instant> times = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            LocalDate day = dice.weighted(days, weights);
            LocalTime time = LocalTime.of(7, 0).plusSeconds(dice.between(0, 14 * 3600 - 1));
            times.add(day.atTime(time).atZone(Quarter.LONDON).toInstant());
        }
        times.sort(Comparator.naturalOrder());
        return times;
    }

    private Draft draft(Quarter quarter, Instant receivedAt) {
        Draft d = new Draft();
        d.receivedAt = receivedAt;
        // Self-referrals rose in Q2 (the seed report), especially male victims of domestic and sexual abuse.
        double self = quarter == Quarter.Q1 ? 2.5 : 4.5;
        d.source = dice.weighted(SOURCES, 76, 9, 7, 5.5, self);
        d.sourceReference = nextReference(d.source);
        // ADT records arrive a day or more after the officer recorded them (the 24-hour delay in the seed report).
        double delayHours = d.source == Source.ADT ? dice.uniform(24, 60) : dice.uniform(0.5, 12);
        d.recordedAt = receivedAt.minusSeconds((long) (delayHours * 3600));
        d.area = dice.weighted(AREAS, 20, 28, 21, 16, 13, 2);

        boolean under18 = dice.chance(
                switch (d.source) {
                    case PARTNER -> 0.45;
                    case ADT -> 0.085;
                    case OFFICER_DIRECT -> 0.06;
                    case SELF -> 0.04;
                    case MASH -> 0.0;
                });
        d.category = category(d.source, under18);
        if (d.category == CrimeCategory.HATE_CRIME) {
            d.hateStrands = hateStrands();
        }
        if (d.category == CrimeCategory.DOMESTIC_ABUSE) {
            d.riskLevel = d.source == Source.MASH
                    ? dice.weighted(List.of(RiskLevel.HIGH, RiskLevel.MEDIUM, RiskLevel.STANDARD), 30, 55, 15)
                    : dice.weighted(java.util.Arrays.asList(RiskLevel.STANDARD, RiskLevel.MEDIUM, null), 45, 15, 40);
        }
        d.person = victim(d, under18, quarter);
        d.consent = consent(d.source);
        d.vulnerabilities = vulnerabilities(d);
        boolean young = ExpectedTriage.isUnder18(probe(d));
        d.unsafe = d.consent == Consent.EXPLICIT
                && (young ? dice.chance(0.16) : d.riskLevel == RiskLevel.HIGH && dice.chance(0.05));
        d.shape = d.unsafe || d.consent == Consent.IMPLIED || d.source == Source.SELF ? DataShape.COMPLETE : shape();
        d.howHeard = howHeard(d.source);
        planAmendment(d);
        return d;
    }

    private String nextReference(Source source) {
        int n = references.merge(source, 1, Integer::sum);
        return switch (source) {
            case ADT -> "LC-2017-%07d".formatted(n + 41_000);
            case MASH -> "MASH-17-%05d".formatted(n);
            case OFFICER_DIRECT -> "OD-17-%05d".formatted(n);
            case PARTNER -> "PTR-17-%05d".formatted(n);
            case SELF -> "SELF-17-%05d".formatted(n);
        };
    }

    private CrimeCategory category(Source source, boolean under18) {
        if (source == Source.MASH) {
            return CrimeCategory.DOMESTIC_ABUSE;
        }
        if (under18) {
            // NEST: peer-to-peer assault and bullying are the most common (the Q3 meeting notes).
            return dice.weighted(
                    List.of(
                            CrimeCategory.ASSAULT,
                            CrimeCategory.BULLYING,
                            CrimeCategory.SEXUAL_OFFENCE,
                            CrimeCategory.THEFT,
                            CrimeCategory.ROBBERY,
                            CrimeCategory.CRIMINAL_DAMAGE,
                            CrimeCategory.HATE_CRIME,
                            CrimeCategory.STALKING_HARASSMENT,
                            CrimeCategory.OTHER),
                    36,
                    22,
                    8,
                    10,
                    5,
                    5,
                    3,
                    6,
                    5);
        }
        if (source == Source.SELF) {
            return dice.weighted(
                    List.of(
                            CrimeCategory.DOMESTIC_ABUSE,
                            CrimeCategory.SEXUAL_OFFENCE,
                            CrimeCategory.ASSAULT,
                            CrimeCategory.STALKING_HARASSMENT,
                            CrimeCategory.HATE_CRIME,
                            CrimeCategory.FRAUD,
                            CrimeCategory.OTHER),
                    30,
                    20,
                    18,
                    12,
                    5,
                    7,
                    8);
        }
        return dice.weighted(
                List.of(
                        CrimeCategory.ASSAULT,
                        CrimeCategory.THEFT,
                        CrimeCategory.BURGLARY,
                        CrimeCategory.CRIMINAL_DAMAGE,
                        CrimeCategory.VEHICLE_CRIME,
                        CrimeCategory.FRAUD,
                        CrimeCategory.ROBBERY,
                        CrimeCategory.STALKING_HARASSMENT,
                        CrimeCategory.DOMESTIC_ABUSE,
                        CrimeCategory.SEXUAL_OFFENCE,
                        CrimeCategory.HATE_CRIME,
                        CrimeCategory.ARSON_ENDANGER_LIFE,
                        CrimeCategory.BEREAVED_BY_HOMICIDE,
                        CrimeCategory.OTHER),
                22,
                16,
                12,
                12,
                8,
                6,
                3,
                5,
                4.5,
                2.5,
                1.8,
                0.3,
                0.1,
                4);
    }

    /** Race and religion are the most reported strands (the Q3 meeting notes). */
    private List<HateStrand> hateStrands() {
        HateStrand first = dice.weighted(
                List.of(
                        HateStrand.RACE,
                        HateStrand.RELIGION,
                        HateStrand.DISABILITY,
                        HateStrand.SEXUAL_ORIENTATION,
                        HateStrand.TRANSGENDER,
                        HateStrand.OTHER),
                52,
                22,
                10,
                10,
                3,
                3);
        if (first == HateStrand.RACE && dice.chance(0.2)) {
            return List.of(first, HateStrand.RELIGION);
        }
        return List.of(first);
    }

    private Person victim(Draft d, boolean under18, Quarter quarter) {
        Person reused = maybeRepeatVictim(d, under18);
        Person person = reused != null ? reused : newPerson(d, under18, quarter);
        person.referrals++;
        person.lastReceivedAt = d.receivedAt;
        if (person.referrals == 2) {
            repeatVictims.add(person);
        }
        knownVictims.add(person);
        return person;
    }

    /** About 4% of referrals are of a victim already known, at least a week after their last referral. */
    private Person maybeRepeatVictim(Draft d, boolean under18) {
        if (under18 || knownVictims.size() < 500 || !dice.chance(0.04)) {
            return null;
        }
        List<Person> pool = !repeatVictims.isEmpty() && dice.chance(0.45) ? repeatVictims : knownVictims;
        Person candidate = pool.get(dice.between(Math.max(0, pool.size() - 4000), pool.size() - 1));
        Instant weekAgo = d.receivedAt.minus(7, ChronoUnit.DAYS);
        boolean adult = candidate
                .dateOfBirth
                .plusYears(19)
                .isBefore(d.receivedAt.atZone(Quarter.LONDON).toLocalDate());
        return candidate.lastReceivedAt.isBefore(weekAgo) && adult ? candidate : null;
    }

    private Person newPerson(Draft d, boolean under18, Quarter quarter) {
        Gender gender = gender(d, quarter);
        String first = switch (gender) {
            case FEMALE -> dice.oneOf(SyntheticPeople.FEMALE);
            case MALE -> dice.oneOf(SyntheticPeople.MALE);
            default -> dice.oneOf(SyntheticPeople.NEUTRAL);
        };
        String last = dice.oneOf(SyntheticPeople.SURNAMES);
        int age = under18 ? dice.between(8, 17) : adultAge();
        LocalDate recordedOn = d.recordedAt.atZone(Quarter.LONDON).toLocalDate();
        LocalDate dob = recordedOn.minusYears(age).minusDays(dice.between(1, 364));
        people++;
        String phone = dice.chance(0.9) ? "07700 9%05d".formatted(dice.between(0, 999)) : null;
        String email = dice.chance(0.35)
                ? "%s.%s%d@example.org"
                        .formatted(first.toLowerCase(), last.toLowerCase().replace("'", ""), people % 997)
                : null;
        Address address = new Address(
                "%d %s %s"
                        .formatted(
                                dice.between(1, 240),
                                dice.oneOf(SyntheticPeople.STREETS),
                                dice.oneOf(SyntheticPeople.STREET_KINDS)),
                null,
                dice.oneOf(SyntheticPeople.TOWNS),
                "ZZ%d %d%s"
                        .formatted(
                                dice.between(1, 99),
                                dice.between(1, 9),
                                (char) ('A' + dice.between(0, 25)) + "" + (char) ('A' + dice.between(0, 25))));
        PreferredContact preferred = under18
                ? dice.weighted(List.of(PreferredContact.TEXT, PreferredContact.PHONE), 60, 40)
                : dice.weighted(
                        List.of(
                                PreferredContact.PHONE,
                                PreferredContact.TEXT,
                                PreferredContact.EMAIL,
                                PreferredContact.LETTER),
                        60,
                        20,
                        12,
                        8);
        return new Person(
                "P-%06d".formatted(100_000 + people), first, last, dob, gender, phone, email, address, preferred);
    }

    private Gender gender(Draft d, Quarter quarter) {
        List<Gender> genders = List.of(Gender.FEMALE, Gender.MALE, Gender.NON_BINARY, Gender.UNKNOWN);
        boolean abuse = d.category == CrimeCategory.DOMESTIC_ABUSE || d.category == CrimeCategory.SEXUAL_OFFENCE;
        if (d.source == Source.SELF && abuse) {
            // More male self-referrals for domestic and sexual abuse in Q2 (the seed report).
            double male = quarter == Quarter.Q1 ? 18 : 35;
            return dice.weighted(genders, 100 - male - 2, male, 1, 1);
        }
        if (abuse) {
            return dice.weighted(genders, 82, 16, 1, 1);
        }
        return dice.weighted(genders, 47, 50, 1, 2);
    }

    private int adultAge() {
        int[][] bands = {{18, 24}, {25, 34}, {35, 44}, {45, 54}, {55, 64}, {65, 90}};
        int[] band = dice.weighted(List.of(bands), 19, 25, 21, 16, 10, 9);
        return dice.between(band[0], band[1]);
    }

    private Consent consent(Source source) {
        List<Consent> values = List.of(Consent.EXPLICIT, Consent.IMPLIED, Consent.REFUSED, Consent.NOT_RECORDED);
        return switch (source) {
            case SELF -> Consent.EXPLICIT;
            case MASH -> dice.weighted(values, 80, 16, 2, 2);
            case PARTNER -> dice.weighted(values, 88, 10, 1, 1);
            case OFFICER_DIRECT -> dice.weighted(values, 92, 4, 2, 2);
            case ADT -> dice.weighted(values, 85.5, 3.5, 5, 6);
        };
    }

    private List<Vulnerability> vulnerabilities(Draft d) {
        List<Vulnerability> flags = new ArrayList<>();
        if (dice.chance(0.075)) {
            flags.add(dice.weighted(
                    List.of(
                            Vulnerability.MENTAL_HEALTH,
                            Vulnerability.DISABILITY,
                            Vulnerability.LEARNING_DISABILITY,
                            Vulnerability.INTIMIDATED,
                            Vulnerability.ELDERLY,
                            Vulnerability.SUBSTANCE_MISUSE,
                            Vulnerability.OTHER),
                    30,
                    18,
                    10,
                    20,
                    12,
                    6,
                    4));
        }
        // From the third referral on the police flag a repeat victim, so triage's priority never depends on the
        // order in which it happens to see the earlier two.
        if (d.person.referrals >= 3) {
            flags.add(Vulnerability.REPEAT_VICTIM);
        }
        return flags;
    }

    private DataShape shape() {
        return dice.weighted(
                List.of(
                        DataShape.COMPLETE,
                        DataShape.NO_VICTIM,
                        DataShape.NOTHING_USABLE,
                        DataShape.NO_CHANNEL,
                        DataShape.NO_NAME),
                91.3,
                1.2,
                1.8,
                4.5,
                1.2);
    }

    private HowHeard howHeard(Source source) {
        if (source == Source.SELF) {
            return dice.weighted(
                    List.of(
                            HowHeard.POLICE,
                            HowHeard.SOCIAL_MEDIA,
                            HowHeard.WEBSITE,
                            HowHeard.FRIEND_OR_FAMILY,
                            HowHeard.HEALTH_SERVICE,
                            HowHeard.SCHOOL,
                            HowHeard.PARTNER_AGENCY,
                            HowHeard.ADVERTISING,
                            HowHeard.OTHER),
                    22,
                    18,
                    20,
                    15,
                    9,
                    3,
                    6,
                    4,
                    3);
        }
        if (source == Source.PARTNER) {
            return dice.weighted(java.util.Arrays.asList(HowHeard.PARTNER_AGENCY, HowHeard.SCHOOL, null), 40, 35, 25);
        }
        return null;
    }

    /** The police correct some records: consent asked again, missing details filled in. */
    private void planAmendment(Draft d) {
        double p;
        double fromHours;
        double toHours;
        if (d.consent == Consent.REFUSED || d.consent == Consent.NOT_RECORDED) {
            p = d.consent == Consent.NOT_RECORDED ? 0.45 : 0.1;
            fromHours = 24;
            toHours = 10 * 24;
        } else if (d.shape == DataShape.NO_VICTIM || d.shape == DataShape.NOTHING_USABLE) {
            p = 0.45;
            fromHours = 12;
            toHours = 5 * 24;
        } else if (d.shape == DataShape.NO_CHANNEL || d.shape == DataShape.NO_NAME) {
            // Fixed quickly enough to contact the victim within the target when the team is fast.
            p = 0.8;
            fromHours = 3;
            toHours = 40;
        } else {
            return;
        }
        if (dice.chance(p)) {
            d.amendedAt = d.receivedAt.plusSeconds((long) (dice.uniform(fromHours, toHours) * 3600));
        }
    }

    /** A referral to test a draft's age against the triage rules (before it is final). */
    private static Referral probe(Draft d) {
        Victim v = new Victim(
                null, null, null, d.person.dateOfBirth, null, d.person.gender, null, null, null, null, List.of(), null);
        return new Referral(
                d.source,
                d.sourceReference,
                1,
                null,
                d.recordedAt,
                d.receivedAt,
                d.area,
                new Crime(d.category, d.hateStrands, null),
                v,
                d.consent,
                d.riskLevel,
                null,
                null,
                null);
    }

    /**
     * Feed sequence numbers increase per source in the order the source sent its records (first versions and
     * amendments together). A few ADT numbers go missing in transit, so the feed-gap report has something to show.
     */
    private void assignFeedSequencesAndBuild(List<Draft> drafts) {
        record Sent(Draft draft, boolean amendment, Instant at) {}
        List<Sent> sent = new ArrayList<>();
        for (Draft d : drafts) {
            sent.add(new Sent(d, false, d.receivedAt));
            if (d.amendedAt != null) {
                sent.add(new Sent(d, true, d.amendedAt));
            }
        }
        sent.sort(Comparator.comparing(Sent::at));
        Map<Source, Long> sequence = new HashMap<>();
        Dice gaps = new Dice(settings.seed() ^ 0x5EED);
        for (Sent s : sent) {
            long next = sequence.merge(s.draft.source, 1L, Long::sum);
            if (s.draft.source == Source.ADT && gaps.chance(0.0004)) {
                next = sequence.merge(Source.ADT, (long) gaps.between(1, 3), Long::sum);
            }
            if (s.amendment) {
                s.draft.amendment = build(s.draft, 2, next, s.at, true);
            } else {
                s.draft.first = build(s.draft, 1, next, s.at, false);
            }
        }
    }

    private Referral build(Draft d, int version, long feedSequence, Instant receivedAt, boolean corrected) {
        Consent consent = corrected && (d.consent == Consent.REFUSED || d.consent == Consent.NOT_RECORDED)
                ? Consent.EXPLICIT
                : d.consent;
        DataShape shape = corrected ? DataShape.COMPLETE : d.shape;
        Person p = d.person;
        Victim victim = switch (shape) {
            case NO_VICTIM -> null;
            case NOTHING_USABLE ->
                new Victim(
                        null,
                        " ",
                        null,
                        null,
                        null,
                        p.gender,
                        "unknown",
                        null,
                        new Address(null, null, p.address.town(), null),
                        null,
                        d.vulnerabilities,
                        null);
            case NO_CHANNEL ->
                new Victim(
                        p.personRef,
                        p.firstName,
                        p.lastName,
                        p.dateOfBirth,
                        null,
                        p.gender,
                        "not given",
                        null,
                        new Address(null, null, p.address.town(), null),
                        null,
                        d.vulnerabilities,
                        null);
            case NO_NAME ->
                new Victim(
                        null,
                        null,
                        null,
                        p.dateOfBirth,
                        null,
                        p.gender,
                        phoneOf(p),
                        null,
                        null,
                        PreferredContact.PHONE,
                        d.vulnerabilities,
                        null);
            case COMPLETE ->
                new Victim(
                        p.personRef,
                        p.firstName,
                        p.lastName,
                        p.dateOfBirth,
                        null,
                        p.gender,
                        phoneOf(p),
                        p.email,
                        p.address,
                        p.preferredContact,
                        d.vulnerabilities,
                        null);
        };
        Safeguarding safeguarding =
                d.unsafe ? new Safeguarding(true, "Screen before contact: young person at risk") : Safeguarding.SAFE;
        String description = d.category.name().toLowerCase().replace('_', ' ') + " reported (synthetic record)";
        return new Referral(
                d.source,
                d.sourceReference,
                version,
                feedSequence,
                d.recordedAt,
                receivedAt,
                d.area,
                new Crime(d.category, d.hateStrands, description),
                victim,
                consent,
                d.riskLevel,
                safeguarding,
                d.howHeard,
                null);
    }

    /** Everyone without a phone still has an address, so a complete record always has a contact channel. */
    private static String phoneOf(Person p) {
        return p.phone;
    }

    static Duration hours(double h) {
        return Duration.ofSeconds((long) (h * 3600));
    }

    static boolean isWeekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}

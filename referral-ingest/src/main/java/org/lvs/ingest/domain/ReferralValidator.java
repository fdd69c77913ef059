package org.lvs.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.lvs.commons.text.SafeText.Kind;
import org.lvs.contract.FieldError;
import org.lvs.contract.referral.Address;
import org.lvs.contract.referral.AgeBand;
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
 * Validates one referral given as a JSON tree against every rule of referral-contract.md and collects ALL errors
 * (field paths such as {@code victim.dateOfBirth}). Messages never repeat the value sent: they travel to
 * {@code referrals.intake} and may be logged. Every string field is also held to its {@link FieldRules} (no NUL, no
 * control characters outside free text, no lone surrogates or noncharacters, a documented maximum length).
 *
 * <p>A valid referral comes back already passed through {@link Referral#asPublishable()}, so personal data of a
 * victim without consent never leaves this class.
 */
public final class ReferralValidator {

    public static final int MAX_VERSION = 1_000_000;
    public static final int MAX_AGE = 120;

    private final Set<String> areas;
    private final Clock clock;
    private final Duration futureTolerance;

    public ReferralValidator(List<String> areas, Clock clock, Duration futureTolerance) {
        this.areas = new LinkedHashSet<>(areas);
        this.clock = clock;
        this.futureTolerance = futureTolerance;
    }

    /**
     * @param node          the referral as sent
     * @param defaultSource the batch's source, used when the record names none (null for single posts)
     */
    public ValidatedRecord validate(JsonNode node, String defaultSource) {
        Errors errors = new Errors();
        if (node == null || !node.isObject()) {
            errors.add("referral", "must be a JSON object");
            return new ValidatedRecord(null, errors.list, defaultSource, null, null, null, null, false);
        }

        JsonNode sourceNode = present(node, "source") ? node.get("source") : null;
        // As sent, for the ownership check only: it never travels (events carry the valid Source or nothing).
        String sourceText = sourceNode == null ? defaultSource : (sourceNode.isTextual() ? sourceNode.asText() : null);
        Source source;
        if (sourceNode == null && defaultSource != null) {
            source = parseEnum(Source.class, defaultSource, "source", errors);
        } else {
            source = requiredEnum(node, "source", "source", Source.class, errors);
        }

        String sourceReference =
                requiredText(node, "sourceReference", "sourceReference", FieldRules.SOURCE_REFERENCE, errors);
        if (sourceReference != null && !FieldRules.isSourceReference(sourceReference)) {
            errors.add("sourceReference", "must be 1 to 64 characters of A-Z a-z 0-9 - _ / .");
            sourceReference = null;
        }

        Integer version = 1;
        if (present(node, "version")) {
            Long v = integer(node.get("version"), "version", errors);
            if (v != null && (v < 1 || v > MAX_VERSION)) {
                errors.add("version", "must be an integer from 1 to " + MAX_VERSION);
                v = null;
            }
            version = v == null ? null : v.intValue();
        }

        Long feedSequence = null;
        if (present(node, "feedSequence")) {
            feedSequence = integer(node.get("feedSequence"), "feedSequence", errors);
            if (feedSequence != null && feedSequence < 0) {
                errors.add("feedSequence", "must be an integer of at least 0");
                feedSequence = null;
            }
        }

        Instant recordedAt = null;
        String recordedAtText = requiredText(node, "recordedAt", "recordedAt", FieldRules.CODE, errors);
        if (recordedAtText != null) {
            recordedAt = instant(recordedAtText, "recordedAt", errors);
            if (recordedAt != null && recordedAt.isAfter(clock.instant().plus(futureTolerance))) {
                errors.add(
                        "recordedAt",
                        "must not be more than " + futureTolerance.toMinutes() + " minutes in the future");
                recordedAt = null;
            }
        }

        Instant receivedAt = null;
        boolean receivedAtGiven = present(node, "receivedAt");
        if (receivedAtGiven) {
            JsonNode r = node.get("receivedAt");
            if (!r.isTextual()) {
                errors.add("receivedAt", "must be an ISO-8601 instant with offset");
            } else if (FieldRules.problem(r.asText(), Kind.LINE, FieldRules.CODE) != null) {
                errors.add("receivedAt", FieldRules.problem(r.asText(), Kind.LINE, FieldRules.CODE));
            } else {
                receivedAt = instant(r.asText(), "receivedAt", errors);
            }
        }

        String area = requiredText(node, "area", "area", FieldRules.CODE, errors);
        if (area != null && !areas.contains(area)) {
            errors.add("area", "must be one of " + String.join(", ", areas));
            area = null;
        }

        Crime crime = crime(node, errors);
        Victim victim = victim(node, recordedAt, errors);
        Consent consent = requiredEnum(node, "consent", "consent", Consent.class, errors);
        RiskLevel riskLevel = optionalEnum(node, "riskLevel", "riskLevel", RiskLevel.class, errors);
        Safeguarding safeguarding = safeguarding(node, errors);
        HowHeard howHeard = optionalEnum(node, "howHeard", "howHeard", HowHeard.class, errors);
        String howHeardDetail = optionalText(
                node, "howHeardDetail", "howHeardDetail", Kind.FREE_TEXT, FieldRules.HOW_HEARD_DETAIL, errors);

        if (!errors.list.isEmpty()) {
            return new ValidatedRecord(
                    null, errors.list, sourceText, source, sourceReference, version, feedSequence, receivedAtGiven);
        }
        Referral referral = new Referral(
                        source,
                        sourceReference,
                        version,
                        feedSequence,
                        recordedAt,
                        receivedAt,
                        area,
                        crime,
                        victim,
                        consent,
                        riskLevel,
                        safeguarding,
                        howHeard,
                        howHeardDetail)
                .asPublishable();
        return new ValidatedRecord(
                referral, List.of(), sourceText, source, sourceReference, version, feedSequence, receivedAtGiven);
    }

    private Crime crime(JsonNode node, Errors errors) {
        if (!present(node, "crime")) {
            errors.add("crime.category", "is required");
            return null;
        }
        JsonNode crime = node.get("crime");
        if (!crime.isObject()) {
            errors.add("crime", "must be an object");
            return null;
        }
        CrimeCategory category = requiredEnum(crime, "category", "crime.category", CrimeCategory.class, errors);
        List<HateStrand> strands = enumList(crime, "hateStrands", "crime.hateStrands", HateStrand.class, errors);
        String description =
                optionalText(crime, "description", "crime.description", Kind.FREE_TEXT, FieldRules.DESCRIPTION, errors);
        return new Crime(category, strands, description);
    }

    private Victim victim(JsonNode node, Instant recordedAt, Errors errors) {
        if (!present(node, "victim")) {
            return null;
        }
        JsonNode v = node.get("victim");
        if (!v.isObject()) {
            errors.add("victim", "must be an object");
            return null;
        }
        String personRef = optionalText(v, "personRef", "victim.personRef", Kind.LINE, FieldRules.PERSON_REF, errors);
        String firstName = optionalText(v, "firstName", "victim.firstName", Kind.LINE, FieldRules.NAME, errors);
        String lastName = optionalText(v, "lastName", "victim.lastName", Kind.LINE, FieldRules.NAME, errors);

        LocalDate dateOfBirth = null;
        String dobText = optionalText(v, "dateOfBirth", "victim.dateOfBirth", Kind.LINE, FieldRules.CODE, errors);
        if (dobText != null) {
            try {
                dateOfBirth = LocalDate.parse(dobText, DateTimeFormatter.ISO_LOCAL_DATE);
                if (!dateOfBirth.isBefore(LocalDate.now(clock.withZone(AgeBand.LONDON)))) {
                    errors.add("victim.dateOfBirth", "must be a date in the past");
                    dateOfBirth = null;
                }
            } catch (DateTimeParseException e) {
                errors.add("victim.dateOfBirth", "must be an ISO-8601 date (YYYY-MM-DD)");
            }
        }
        Integer age = null;
        if (present(v, "age")) {
            Long a = integer(v.get("age"), "victim.age", errors);
            if (a != null && (a < 0 || a > MAX_AGE)) {
                errors.add("victim.age", "must be an integer from 0 to " + MAX_AGE);
                a = null;
            }
            age = a == null ? null : a.intValue();
        }
        Gender gender = optionalEnum(v, "gender", "victim.gender", Gender.class, errors);
        // An invalid phone or email is kept: it simply counts as no phone / no email (a data issue for triage).
        String phone = optionalText(v, "phone", "victim.phone", Kind.LINE, FieldRules.PHONE, errors);
        String email = optionalText(v, "email", "victim.email", Kind.LINE, FieldRules.EMAIL, errors);
        Address address = address(v, errors);
        PreferredContact preferredContact =
                optionalEnum(v, "preferredContact", "victim.preferredContact", PreferredContact.class, errors);
        List<Vulnerability> vulnerabilities =
                enumList(v, "vulnerabilities", "victim.vulnerabilities", Vulnerability.class, errors);
        AgeBand ageBand = recordedAt == null ? AgeBand.UNKNOWN : AgeBand.at(dateOfBirth, age, recordedAt);
        return new Victim(
                personRef,
                firstName,
                lastName,
                dateOfBirth,
                age,
                gender,
                phone,
                email,
                address,
                preferredContact,
                vulnerabilities,
                ageBand);
    }

    private Address address(JsonNode victim, Errors errors) {
        if (!present(victim, "address")) {
            return null;
        }
        JsonNode a = victim.get("address");
        if (!a.isObject()) {
            errors.add("victim.address", "must be an object");
            return null;
        }
        String line1 = optionalText(a, "line1", "victim.address.line1", Kind.LINE, FieldRules.ADDRESS_LINE, errors);
        String line2 = optionalText(a, "line2", "victim.address.line2", Kind.LINE, FieldRules.ADDRESS_LINE, errors);
        String town = optionalText(a, "town", "victim.address.town", Kind.LINE, FieldRules.ADDRESS_LINE, errors);
        String postcode =
                optionalText(a, "postcode", "victim.address.postcode", Kind.LINE, FieldRules.POSTCODE, errors);
        if (line1 == null && line2 == null && town == null && postcode == null) {
            return null;
        }
        return new Address(line1, line2, town, postcode);
    }

    private Safeguarding safeguarding(JsonNode node, Errors errors) {
        if (!present(node, "safeguarding")) {
            return Safeguarding.SAFE;
        }
        JsonNode s = node.get("safeguarding");
        if (!s.isObject()) {
            errors.add("safeguarding", "must be an object");
            return null;
        }
        boolean unsafe = false;
        if (present(s, "unsafeToContact")) {
            JsonNode u = s.get("unsafeToContact");
            if (u.isBoolean()) {
                unsafe = u.booleanValue();
            } else {
                errors.add("safeguarding.unsafeToContact", "must be true or false");
            }
        }
        String reason = optionalText(
                s, "reason", "safeguarding.reason", Kind.FREE_TEXT, FieldRules.SAFEGUARDING_REASON, errors);
        return new Safeguarding(unsafe, reason);
    }

    // --- small typed readers; each adds its error and answers null when the value is unusable ---

    /** Present and not JSON null (null counts as absent for every optional field). */
    static boolean present(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull() && !value.isMissingNode();
    }

    private static String requiredText(JsonNode node, String name, String path, int max, Errors errors) {
        if (!present(node, name)) {
            errors.add(path, "is required");
            return null;
        }
        JsonNode value = node.get(name);
        if (!value.isTextual()) {
            errors.add(path, "must be a string");
            return null;
        }
        String problem = FieldRules.problem(value.asText(), Kind.LINE, max);
        if (problem != null) {
            errors.add(path, problem);
            return null;
        }
        String text = value.asText().trim();
        if (text.isEmpty()) {
            errors.add(path, "is required");
            return null;
        }
        return value.asText();
    }

    /**
     * Optional text: held to its {@link FieldRules} as sent, then trimmed; blank counts as absent; at most {@code max}
     * characters (code points).
     */
    private static String optionalText(JsonNode node, String name, String path, Kind kind, int max, Errors errors) {
        if (!present(node, name)) {
            return null;
        }
        JsonNode value = node.get(name);
        if (!value.isTextual()) {
            errors.add(path, "must be a string");
            return null;
        }
        String problem = FieldRules.problem(value.asText(), kind, max);
        if (problem != null) {
            errors.add(path, problem);
            return null;
        }
        String text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }

    private static Long integer(JsonNode value, String path, Errors errors) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isFloatingPointNumber()
                && value.asDouble() == Math.rint(value.asDouble())
                && Math.abs(value.asDouble()) < 1e15) {
            return (long) value.asDouble();
        }
        errors.add(path, "must be an integer");
        return null;
    }

    private static Instant instant(String text, String path, Errors errors) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            errors.add(path, "must be an ISO-8601 instant with offset, such as 2017-01-31T23:59:00+00:00");
            return null;
        }
    }

    private static <E extends Enum<E>> E requiredEnum(
            JsonNode node, String name, String path, Class<E> type, Errors errors) {
        if (!present(node, name)) {
            errors.add(path, "is required");
            return null;
        }
        return enumValue(node.get(name), path, type, errors);
    }

    private static <E extends Enum<E>> E optionalEnum(
            JsonNode node, String name, String path, Class<E> type, Errors errors) {
        return present(node, name) ? enumValue(node.get(name), path, type, errors) : null;
    }

    private static <E extends Enum<E>> E enumValue(JsonNode value, String path, Class<E> type, Errors errors) {
        if (!value.isTextual()) {
            errors.add(path, "must be a string, one of " + allowed(type));
            return null;
        }
        String problem = FieldRules.problem(value.asText(), Kind.LINE, FieldRules.CODE);
        if (problem != null) {
            errors.add(path, problem);
            return null;
        }
        return parseEnum(type, value.asText(), path, errors);
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String text, String path, Errors errors) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        errors.add(path, "unknown value; must be one of " + allowed(type));
        return null;
    }

    private static <E extends Enum<E>> List<E> enumList(
            JsonNode node, String name, String path, Class<E> type, Errors errors) {
        if (!present(node, name)) {
            return List.of();
        }
        JsonNode value = node.get(name);
        if (!value.isArray()) {
            errors.add(path, "must be an array of " + allowed(type));
            return List.of();
        }
        List<E> result = new ArrayList<>();
        int bad = 0;
        for (JsonNode item : value) {
            if (item.isTextual()) {
                E constant = null;
                for (E c : type.getEnumConstants()) {
                    if (c.name().equals(item.asText())) {
                        constant = c;
                    }
                }
                if (constant == null) {
                    bad++;
                } else if (!result.contains(constant)) {
                    result.add(constant);
                }
            } else {
                bad++;
            }
        }
        if (bad > 0) {
            errors.add(path, "unknown value; each must be one of " + allowed(type));
        }
        return result;
    }

    private static <E extends Enum<E>> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    private static final class Errors {
        final List<FieldError> list = new ArrayList<>();

        void add(String field, String message) {
            list.add(new FieldError(field, message));
        }
    }
}

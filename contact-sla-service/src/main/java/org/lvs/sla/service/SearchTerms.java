package org.lvs.sla.service;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lvs.commons.text.SafeText;
import org.lvs.contract.FieldError;
import org.lvs.sla.persistence.PersonEntity;
import org.lvs.sla.rest.dto.CaseSearchRequest;

/**
 * The victim search's rules (sla-policy.md, queries; issue 11): each term is one line of at most 200 characters; a
 * phone has at least 9 digits, an email is an address, a date of birth a date; {@code q} is shorthand for one phone
 * number (digits), email address (has @) or personRef (anything else, but not a bare name); and the terms must
 * identify someone: a phone, an email, a personRef, or a full name with a date of birth or a postcode.
 */
public final class SearchTerms {

    public static final String WHAT_IS_NEEDED = "a search needs a phone number, an email address, a personRef, or "
            + "firstName and lastName with dateOfBirth or postcode";
    public static final int TERM_MAX = 200;

    private SearchTerms() {}

    /** What is wrong with the request's terms, by field; empty when it may run. */
    public static List<FieldError> problems(CaseSearchRequest r) {
        List<FieldError> problems = new ArrayList<>();
        boolean readable = true;
        for (Map.Entry<String, String> term : given(r).entrySet()) {
            String problem = problem(term.getKey(), term.getValue());
            if (problem != null) {
                problems.add(new FieldError(term.getKey(), problem));
            }
            readable &= SafeText.isSafe(term.getValue(), SafeText.Kind.LINE, TERM_MAX);
        }
        // the terms are judged together only once each term and the reason are fine on their own
        readable &= SafeText.isSafe(r.reason(), SafeText.Kind.LINE, TERM_MAX);
        if (problems.isEmpty() && readable && !isBlank(r.reason())) {
            problems.addAll(missing(normalised(r)));
        }
        return problems;
    }

    /** The normalised terms by name: what is matched, and what the audit's HMAC covers. Call on a valid request. */
    public static Map<String, String> normalised(CaseSearchRequest r) {
        Map<String, String> terms = new TreeMap<>();
        if (!isBlank(r.q())) {
            String q = r.q().trim();
            switch (shorthand(q)) {
                case EMAIL -> put(terms, "email", PersonEntity.normEmail(q));
                case PHONE -> put(terms, "phone", PersonEntity.normPhone(q));
                default -> put(terms, "personRef", PersonEntity.normText(q));
            }
        }
        put(terms, "firstName", PersonEntity.normText(blankToNull(r.firstName())));
        put(terms, "lastName", PersonEntity.normText(blankToNull(r.lastName())));
        put(terms, "postcode", PersonEntity.normPostcode(blankToNull(r.postcode())));
        put(terms, "personRef", PersonEntity.normText(blankToNull(r.personRef())));
        put(terms, "phone", PersonEntity.normPhone(blankToNull(r.phone())));
        put(terms, "email", PersonEntity.normEmail(blankToNull(r.email())));
        if (!isBlank(r.dateOfBirth())) {
            put(terms, "dateOfBirth", LocalDate.parse(r.dateOfBirth().trim()).toString());
        }
        return terms;
    }

    private enum Shorthand {
        EMAIL,
        PHONE,
        NAME,
        PERSON_REF
    }

    private static Shorthand shorthand(String q) {
        if (q.contains("@")) {
            return Shorthand.EMAIL;
        } else if (q.matches("[+0-9 ()\\-]+")) {
            return Shorthand.PHONE;
        } else if (q.contains(" ") && !q.matches(".*[0-9].*")) {
            return Shorthand.NAME;
        }
        return Shorthand.PERSON_REF;
    }

    /** The terms given (not blank), by name. */
    private static Map<String, String> given(CaseSearchRequest r) {
        Map<String, String> given = new TreeMap<>();
        put(given, "q", blankToNull(r.q()));
        put(given, "firstName", blankToNull(r.firstName()));
        put(given, "lastName", blankToNull(r.lastName()));
        put(given, "dateOfBirth", blankToNull(r.dateOfBirth()));
        put(given, "postcode", blankToNull(r.postcode()));
        put(given, "phone", blankToNull(r.phone()));
        put(given, "email", blankToNull(r.email()));
        put(given, "personRef", blankToNull(r.personRef()));
        return given;
    }

    /** A term's own problem beyond being one safe line (which {@code @FreeText} checks); null when fine. */
    private static String problem(String name, String value) {
        if (!SafeText.isSafe(value, SafeText.Kind.LINE, TERM_MAX)) {
            return null;
        }
        return switch (name) {
            case "phone" -> phoneProblem(value);
            case "email" -> emailProblem(value);
            case "dateOfBirth" -> dateProblem(value);
            case "q" ->
                switch (shorthand(value.trim())) {
                    case EMAIL -> emailProblem(value.trim());
                    case PHONE -> phoneProblem(value.trim());
                    case NAME -> "looks like a name: " + WHAT_IS_NEEDED;
                    case PERSON_REF -> null;
                };
            default -> null;
        };
    }

    private static String phoneProblem(String value) {
        String digits = PersonEntity.normPhone(value);
        return digits == null || digits.length() < 9 ? "must be a phone number of at least 9 digits" : null;
    }

    private static String emailProblem(String value) {
        return PersonEntity.normEmail(value) == null ? "must be an email address" : null;
    }

    private static String dateProblem(String value) {
        try {
            LocalDate.parse(value.trim());
            return null;
        } catch (DateTimeParseException e) {
            return "must be a date such as 1990-05-02";
        }
    }

    /** The terms must identify someone: one of the identifiers, or a full name with a date of birth or postcode. */
    private static List<FieldError> missing(Map<String, String> terms) {
        List<FieldError> missing = new ArrayList<>();
        if (terms.containsKey("phone") || terms.containsKey("email") || terms.containsKey("personRef")) {
            return missing;
        }
        boolean fullName = terms.containsKey("firstName") && terms.containsKey("lastName");
        boolean dobOrPostcode = terms.containsKey("dateOfBirth") || terms.containsKey("postcode");
        if (fullName && dobOrPostcode) {
            return missing;
        }
        if (terms.containsKey("firstName") && !terms.containsKey("lastName")) {
            missing.add(new FieldError("lastName", "is required with firstName: a name search needs the full name"));
        }
        if (terms.containsKey("lastName") && !terms.containsKey("firstName")) {
            missing.add(new FieldError("firstName", "is required with lastName: a name search needs the full name"));
        }
        if (!dobOrPostcode && (terms.containsKey("firstName") || terms.containsKey("lastName"))) {
            missing.add(new FieldError("dateOfBirth", "or postcode is required with a name"));
        }
        missing.add(new FieldError("search", WHAT_IS_NEEDED));
        return missing;
    }

    private static void put(Map<String, String> terms, String name, String value) {
        if (value != null) {
            terms.put(name, value);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String blankToNull(String value) {
        return isBlank(value) ? null : value;
    }
}

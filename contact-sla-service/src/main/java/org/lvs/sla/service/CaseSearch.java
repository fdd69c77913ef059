package org.lvs.sla.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;
import org.lvs.commons.problem.ProblemException;
import org.lvs.commons.text.SafeText;
import org.lvs.sla.persistence.PersonEntity;
import org.lvs.sla.service.CaseRequests.Actor;
import org.lvs.sla.service.CaseRequests.SearchRequest;

/**
 * A victim calls in and a handler looks for their case (sla-policy.md, queries; issue 11). The search is narrow: it
 * needs a phone number, an email address, a personRef, or a full name (first and last) with a date of birth or a
 * postcode; a first name alone, or a name alone, is a 400 saying what is needed. Every given term must match. Every
 * search is audited with who, when and the reason the handler states (required), keeping only a keyed HMAC of the
 * terms.
 */
@ApplicationScoped
public class CaseSearch {

    static final String WHAT_IS_NEEDED = "a search needs a phone number, an email address, a personRef, or firstName "
            + "and lastName with dateOfBirth or postcode";
    private static final int TERM_MAX = 200;

    private final CaseQueries queries;
    private final AccessAudit audit;
    private final TermsHmac hmac;
    private final Clock clock;

    CaseSearch(CaseQueries queries, AccessAudit audit, TermsHmac hmac, Clock clock) {
        this.queries = queries;
        this.audit = audit;
        this.hmac = hmac;
        this.clock = clock;
    }

    @Transactional
    public PageOf<CaseRow> search(SearchRequest r, Actor actor) {
        Fields f = new Fields();
        String reason = line(f, "reason", r.reason());
        if (reason == null && !f.hasError("reason")) {
            f.error("reason", "is required: say why you search for this victim (every search is audited)");
        }
        // the normalised terms, by name: what is matched, and what the audit's HMAC covers
        Map<String, String> terms = new TreeMap<>();
        shorthand(f, r.q(), terms);
        put(terms, "firstName", PersonEntity.normText(line(f, "firstName", r.firstName())));
        put(terms, "lastName", PersonEntity.normText(line(f, "lastName", r.lastName())));
        put(terms, "postcode", PersonEntity.normPostcode(line(f, "postcode", r.postcode())));
        put(terms, "personRef", PersonEntity.normText(line(f, "personRef", r.personRef())));
        String phone = line(f, "phone", r.phone());
        if (phone != null) {
            put(terms, "phone", phone(f, "phone", phone));
        }
        String email = line(f, "email", r.email());
        if (email != null) {
            put(terms, "email", email(f, "email", email));
        }
        String dob = line(f, "dateOfBirth", r.dateOfBirth());
        if (dob != null) {
            try {
                put(terms, "dateOfBirth", LocalDate.parse(dob.trim()).toString());
            } catch (DateTimeParseException e) {
                f.error("dateOfBirth", "must be a date such as 1990-05-02");
            }
        }
        int[] paging = CaseQueries.paging(f, r.page(), r.size());
        if (!f.hasErrors()) {
            requireEnough(f, terms);
        }
        f.throwIfAny();

        CaseQueries.Where where = new CaseQueries.Where();
        terms.forEach((name, value) -> where.and(COLUMNS.get(name), value));
        PageOf<CaseRow> result = queries.page(where, "c.due_at, c.referral_id", paging, clock.instant(), true);
        audit.search(actor, reason, String.join("+", terms.keySet()), hmac.of(terms), result.total(),
                result.items().stream().map(CaseRow::referralId).toList());
        return result;
    }

    /** The condition each term adds (constants of ours, never input). */
    private static final Map<String, String> COLUMNS = Map.of(
            "firstName", "p.first_name_norm = ?",
            "lastName", "p.last_name_norm = ?",
            "dateOfBirth", "p.date_of_birth = ?::date",
            "postcode", "p.postcode_norm = ?",
            "phone", "p.phone_norm = ?",
            "email", "p.email_norm = ?",
            "personRef", "p.person_ref_norm = ?");

    /** The terms must identify someone: one of the identifiers, or a full name with a date of birth or postcode. */
    private static void requireEnough(Fields f, Map<String, String> terms) {
        if (terms.containsKey("phone") || terms.containsKey("email") || terms.containsKey("personRef")) {
            return;
        }
        boolean fullName = terms.containsKey("firstName") && terms.containsKey("lastName");
        boolean dobOrPostcode = terms.containsKey("dateOfBirth") || terms.containsKey("postcode");
        if (fullName && dobOrPostcode) {
            return;
        }
        if (terms.containsKey("firstName") && !terms.containsKey("lastName")) {
            f.error("lastName", "is required with firstName: a name search needs the full name");
        }
        if (terms.containsKey("lastName") && !terms.containsKey("firstName")) {
            f.error("firstName", "is required with lastName: a name search needs the full name");
        }
        if (!dobOrPostcode && (terms.containsKey("firstName") || terms.containsKey("lastName"))) {
            f.error("dateOfBirth", "or postcode is required with a name");
        }
        f.error("search", WHAT_IS_NEEDED);
        throw ProblemException.badRequest(f.errors());
    }

    /** {@code q}: an email address (has @), a phone number (digits), else a personRef; a bare name is refused. */
    private static void shorthand(Fields f, String q, Map<String, String> terms) {
        String text = line(f, "q", q);
        if (text == null) {
            return;
        }
        String trimmed = text.trim();
        if (trimmed.contains("@")) {
            put(terms, "email", email(f, "q", trimmed));
        } else if (trimmed.matches("[+0-9 ()\\-]+")) {
            put(terms, "phone", phone(f, "q", trimmed));
        } else if (trimmed.contains(" ") && !trimmed.matches(".*[0-9].*")) {
            f.error("q", "looks like a name: " + WHAT_IS_NEEDED);
        } else {
            put(terms, "personRef", PersonEntity.normText(trimmed));
        }
    }

    private static String phone(Fields f, String field, String value) {
        String digits = PersonEntity.normPhone(value);
        if (digits == null || digits.length() < 9) {
            f.error(field, "must be a phone number of at least 9 digits");
            return null;
        }
        return digits;
    }

    private static String email(Fields f, String field, String value) {
        String email = PersonEntity.normEmail(value);
        if (email == null) {
            f.error(field, "must be an email address");
        }
        return email;
    }

    /** A one-line term of at most 200 characters; null when absent or blank. */
    private static String line(Fields f, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String problem = SafeText.problem(value, SafeText.Kind.LINE, TERM_MAX);
        if (problem != null) {
            f.error(field, problem);
            return null;
        }
        return value;
    }

    private static void put(Map<String, String> terms, String name, String value) {
        if (value != null) {
            terms.put(name, value);
        }
    }
}

package org.lvs.sla.rest.dto;

import jakarta.validation.constraints.NotBlank;
import java.util.stream.Stream;
import org.lvs.commons.text.SafeText;
import org.lvs.sla.rest.validation.FreeText;
import org.lvs.sla.rest.validation.IdentifiesVictim;

/**
 * A victim search (sla-policy.md, queries), from the query of {@code GET /api/v1/cases}: every given term must match,
 * and together they must identify someone ({@link IdentifiesVictim}). {@code q} is shorthand for one phone number,
 * email address or personRef; {@code reason}, why the handler searches, is required (every search is audited).
 */
@IdentifiesVictim
public record CaseSearchRequest(
        @FreeText(kind = SafeText.Kind.LINE, max = TERM_MAX) String q,
        @FreeText(kind = SafeText.Kind.LINE, max = TERM_MAX) String firstName,
        @FreeText(kind = SafeText.Kind.LINE, max = TERM_MAX) String lastName,
        @FreeText(kind = SafeText.Kind.LINE, max = TERM_MAX) String dateOfBirth,
        @FreeText(kind = SafeText.Kind.LINE, max = TERM_MAX) String postcode,
        @FreeText(kind = SafeText.Kind.LINE, max = TERM_MAX) String phone,
        @FreeText(kind = SafeText.Kind.LINE, max = TERM_MAX) String email,
        @FreeText(kind = SafeText.Kind.LINE, max = TERM_MAX) String personRef,

        @NotBlank(message = "is required: say why you search for this victim (every search is audited)")
        @FreeText(kind = SafeText.Kind.LINE, max = TERM_MAX)
        String reason) {

    /** Each term (and the reason) is one line of at most this many characters. */
    public static final int TERM_MAX = 200;

    /** True when any search term (or a reason) was given: the request is a search, not a work queue. */
    public boolean isSearch() {
        return Stream.of(q, firstName, lastName, dateOfBirth, postcode, phone, email, personRef, reason)
                .anyMatch(term -> term != null);
    }
}

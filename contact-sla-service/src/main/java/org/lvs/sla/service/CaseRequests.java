package org.lvs.sla.service;

import java.util.List;
import java.util.Map;

/**
 * Request bodies of the case actions as they arrive. Enums, instants and numbers stay text here so an invalid value
 * becomes a 400 naming its field rather than an unreadable body.
 */
public final class CaseRequests {

    private CaseRequests() {
    }

    public record ContactRequest(String at, String channel, String outcome, List<String> supportTypes,
            String handler, String note) {
    }

    public record ScreeningRequest(String at, Boolean safeToContact, String note) {
    }

    public record ConsentRequest(String at, Boolean confirmed) {
    }

    public record AssignmentRequest(String at, String worker) {
    }

    public record PathwayRequest(String at, String pathway, String riskLevel, String reason) {
    }

    public record ServiceRequest(String at, String service) {
    }

    public record AtOnly(String at) {
    }

    public record OutcomeRequest(String at, String stage, Map<String, Object> scores) {
    }

    public record ClosureRequest(String at, String reason) {
    }

    /**
     * A victim search (sla-policy.md, queries): every given term must match, and the terms must say more than a
     * first name. {@code q} is shorthand for one phone number, email address or personRef.
     */
    public record SearchRequest(String q, String firstName, String lastName, String dateOfBirth, String postcode,
            String phone, String email, String personRef, String reason, String page, String size) {

        /** True when any search term (or a reason) was given: the request is a search, not a work queue. */
        public boolean isSearch() {
            return java.util.stream.Stream.of(q, firstName, lastName, dateOfBirth, postcode, phone, email, personRef,
                    reason).anyMatch(java.util.Objects::nonNull);
        }
    }

    /**
     * Who acts: the token's subject (a user or worker id, never a free-text name: it goes into the audit trail and
     * onto cases.events) and whether they may replay history.
     */
    public record Actor(String id, boolean admin) {
    }
}

package org.lvs.sla.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.lvs.sla.persistence.AccessAudit;
import org.lvs.sla.persistence.CaseQueries;
import org.lvs.sla.persistence.Paging;
import org.lvs.sla.rest.dto.CaseRow;
import org.lvs.sla.rest.dto.CaseSearchRequest;
import org.lvs.sla.rest.dto.PageOf;

/**
 * A victim calls in and a handler looks for their case (sla-policy.md, queries; issue 11). The search is narrow
 * ({@link SearchTerms}): a first name alone, or a name alone, is a 400 saying what is needed. Every given term must
 * match. Every search is audited with who, when and the reason the handler states (required), keeping only a keyed
 * HMAC of the terms.
 */
@ApplicationScoped
public class CaseSearch {

    private final CaseQueries queries;
    private final AccessAudit audit;
    private final TermsHmac hmac;
    private final Clock clock;
    private final Validator validator;

    CaseSearch(CaseQueries queries, AccessAudit audit, TermsHmac hmac, Clock clock, Validator validator) {
        this.queries = queries;
        this.audit = audit;
        this.hmac = hmac;
        this.clock = clock;
        this.validator = validator;
    }

    @Transactional
    public PageOf<CaseRow> search(CaseSearchRequest r, Paging paging, Actor actor) {
        // validated here, not at the resource: the same query parameters without search terms ask for a work queue
        Set<ConstraintViolation<CaseSearchRequest>> violations = validator.validate(r);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        Map<String, String> terms = SearchTerms.normalised(r);
        PageOf<CaseRow> result = queries.search(terms, paging, clock.instant());
        audit.search(
                actor,
                r.reason(),
                String.join("+", terms.keySet()),
                hmac.of(terms),
                result.total(), // counted up to CappedCount.CAP, as the page reports it
                result.items().stream().map(CaseRow::referralId).toList());
        return result;
    }
}

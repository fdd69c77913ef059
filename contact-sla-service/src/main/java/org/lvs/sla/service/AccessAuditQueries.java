package org.lvs.sla.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Validates the admin's audit query (every bad parameter named in one 400) and reads the access audit. */
@ApplicationScoped
public class AccessAuditQueries {

    private final AccessAudit audit;

    AccessAuditQueries(AccessAudit audit) {
        this.audit = audit;
    }

    public PageOf<AccessAudit.Entry> list(String from, String to, String action, String actor, String page,
            String size) {
        Fields f = new Fields();
        Instant fromAt = CaseQueries.startOf(f, "from", from, false);
        Instant toAt = CaseQueries.startOf(f, "to", to, true);
        String act = null;
        if (action != null && !action.isBlank()) {
            act = action.trim();
            if (!act.equals(AccessAudit.CASE_READ) && !act.equals(AccessAudit.CASE_SEARCH)) {
                f.error("action", "must be " + AccessAudit.CASE_READ + " or " + AccessAudit.CASE_SEARCH);
            }
        }
        int[] paging = CaseQueries.paging(f, page, size);
        f.throwIfAny();
        return audit.list(fromAt, toAt, act, actor == null || actor.isBlank() ? null : actor.trim(), paging[0],
                paging[1]);
    }
}

package org.lvs.tools.feed;

import java.time.Instant;
import java.util.Map;

/**
 * One historical case action for contact-sla-service: {@code POST /api/v1/cases/{referralId}/{path}} with
 * {@code body} plus {@code at}.
 */
public record CaseAction(String path, Instant at, Map<String, Object> body) {

    public CaseAction {
        body = Map.copyOf(body);
    }

    public boolean isContactMade() {
        return path.equals("contacts") && Boolean.TRUE.equals(contactMade(body));
    }

    private static Boolean contactMade(Map<String, Object> body) {
        Object outcome = body.get("outcome");
        return outcome != null
                && org.lvs.contract.casework.ContactOutcome.valueOf(outcome.toString())
                        .isContactMade();
    }
}

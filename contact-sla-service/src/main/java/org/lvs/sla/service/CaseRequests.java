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

    /** Who acts: the token's name and whether they may replay history. */
    public record Actor(String name, boolean admin) {
    }
}

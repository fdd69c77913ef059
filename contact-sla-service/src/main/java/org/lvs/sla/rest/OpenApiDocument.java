package org.lvs.sla.rest;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.lvs.commons.problem.Problem;

/**
 * Completes the OpenAPI document: every operation describes the answers every endpoint may give (401 without a valid
 * token, 403 for a role that may not, 503 while the database or broker is away) as problem+json, besides its own
 * (declared on the resource methods). Registered with {@code mp.openapi.filter}.
 */
public class OpenApiDocument implements OASFilter {

    static final String PROBLEM_REF = "#/components/schemas/Problem";

    private static final Map<String, String> COMMON = Map.of(
            "401", "No valid bearer token (missing, expired, not yet valid, wrong issuer or audience, badly signed)",
            "403", "The token's role may not do this (or only admin may set 'at')",
            "503", "The database or the broker is unavailable; retry after the Retry-After header's seconds");

    @Override
    public Operation filterOperation(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        for (Map.Entry<String, String> common : COMMON.entrySet()) {
            APIResponse existing = responses.getAPIResponse(common.getKey());
            if (existing == null || existing.getContent() == null) {
                responses.addAPIResponse(common.getKey(), problem(common.getValue()));
            }
        }
        return operation;
    }

    private static APIResponse problem(String description) {
        return OASFactory.createAPIResponse()
                .description(description)
                .content(OASFactory.createContent()
                        .addMediaType(
                                Problem.MEDIA_TYPE,
                                OASFactory.createMediaType()
                                        .schema(OASFactory.createSchema().ref(PROBLEM_REF))));
    }
}

package org.lvs.triage.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.lvs.commons.problem.ProblemException;
import org.lvs.contract.FieldError;
import org.lvs.contract.Roles;
import org.lvs.triage.service.DecisionQuery;
import org.lvs.triage.service.FeedbackQuery;

/** Decisions and feedback to the police (interfaces.md); the logic is in the services. */
@Path("/api/v1/triage")
@Produces(MediaType.APPLICATION_JSON)
public class TriageResource {

    private final DecisionQuery decisions;
    private final FeedbackQuery feedback;

    TriageResource(DecisionQuery decisions, FeedbackQuery feedback) {
        this.decisions = decisions;
        this.feedback = feedback;
    }

    @GET
    @Path("/feedback")
    @RolesAllowed({Roles.REFERRER, Roles.ADMIN})
    @Operation(summary = "Decisions the police should act on (no consent, no data, insufficient data)",
            description = "A cursor in commit order: poll with after = the nextAfter of the last answer. With since and "
                    + "no after: the paged reading by receivedAt.")
    public FeedbackQuery.FeedbackPage feedback(@QueryParam("source") String source, @QueryParam("after") String after,
            @QueryParam("limit") String limit, @QueryParam("since") String since,
            @QueryParam("pending") String pending, @QueryParam("page") String page, @QueryParam("size") String size) {
        return feedback.find(new FeedbackQuery.Params(source, since, after, limit, pending, page, size));
    }

    @GET
    @Path("/{referralId}")
    @RolesAllowed({Roles.REFERRER, Roles.CASE_HANDLER, Roles.ADMIN})
    @Operation(summary = "The latest decision of a referral with its reasons (ReferralDecided)")
    public Response decision(@PathParam("referralId") String referralId) {
        UUID id = parseId(referralId);
        String payload = decisions.latest(id);
        // The stored payload is the published ReferralDecided, byte for byte.
        return Response.ok(payload, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static UUID parseId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(List.of(new FieldError("referralId", "must be a UUID")));
        }
    }
}

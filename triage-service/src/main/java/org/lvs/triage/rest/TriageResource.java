package org.lvs.triage.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lvs.commons.problem.Problem;
import org.lvs.contract.Roles;
import org.lvs.contract.event.ReferralDecided;
import org.lvs.triage.rest.dto.FeedbackPage;
import org.lvs.triage.rest.dto.FeedbackParams;
import org.lvs.triage.service.DecisionQuery;
import org.lvs.triage.service.FeedbackQuery;

/** Decisions and feedback to the police (interfaces.md); the logic, access checks included, is in the services. */
@Path("/api/v1/triage")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Triage", description = "Decisions (triage-policy.md) and the feedback the police act on")
@APIResponse(
        responseCode = "401",
        description = "No valid bearer token (missing, expired, forged, wrong issuer or " + "audience)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "403",
        description = "The token's role may not call this, or a referrer's token does not " + "name the source",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "503",
        description = "The database is unavailable; retry after Retry-After seconds",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
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
    @Operation(
            operationId = "listFeedback",
            summary = "Decisions the police should act on (no consent, no data, insufficient data)",
            description = "A cursor in commit order: poll with after = the nextAfter of the last answer, and no "
                    + "decision is missed or repeated. With since and no after: the paged reading by the version's "
                    + "receivedAt (page, size, total). A referrer reads only the sources its token names.")
    @APIResponse(
            responseCode = "200",
            description = "A page of feedback decisions, oldest position first",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = FeedbackPage.class)))
    @APIResponse(
            responseCode = "400",
            description = "Bad parameters, each named in errors",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public FeedbackPage feedback(@Valid @BeanParam FeedbackParams params) {
        return feedback.find(params);
    }

    @GET
    @Path("/{referralId}")
    @RolesAllowed({Roles.REFERRER, Roles.CASE_HANDLER, Roles.ADMIN})
    @Operation(
            operationId = "getDecision",
            summary = "The latest decision of a referral with its reasons",
            description = "The ReferralDecided with the highest (version, revision), exactly as published (an erased "
                    + "referral's without its source reference). A referrer reads only the sources its token names.")
    @APIResponse(
            responseCode = "200",
            description = "The latest decision",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ReferralDecided.class)))
    @APIResponse(
            responseCode = "400",
            description = "referralId is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No decision for this referral",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response decision(
            @Parameter(description = "The referral's id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                    @PathParam("referralId")
                    UUID referralId) {
        // The stored payload is the published ReferralDecided, byte for byte.
        return Response.ok(decisions.latest(referralId), MediaType.APPLICATION_JSON_TYPE)
                .build();
    }
}

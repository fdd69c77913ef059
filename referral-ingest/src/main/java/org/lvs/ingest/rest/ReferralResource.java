package org.lvs.ingest.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lvs.contract.Roles;
import org.lvs.ingest.rest.dto.ReferralReceipt;
import org.lvs.ingest.rest.dto.ReferralView;
import org.lvs.ingest.service.RecordResult;
import org.lvs.ingest.service.ReferralIntake;
import org.lvs.ingest.service.ReferralQueries;

/** One referral in (referral-contract.md), and what ingest holds of a referral. */
@Path("/api/v1/referrals")
@Tag(
        name = "Referrals",
        description = "Referrals from police feeds and partners: single, batch (JSON or CSV), receipts")
@SecurityRequirement(name = "jwt")
public class ReferralResource {

    static final String PROBLEM = "application/problem+json";

    private final ReferralIntake intake;
    private final ReferralQueries queries;

    ReferralResource(ReferralIntake intake, ReferralQueries queries) {
        this.intake = intake;
        this.queries = queries;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.REFERRER, Roles.ADMIN})
    @Operation(
            summary = "Submit one referral",
            description = "Validated against every rule of the contract; answered only after the broker acknowledged "
                    + "the record on referrals.received. Without consent (REFUSED, NOT_RECORDED) the victim's personal "
                    + "data is dropped at the edge. receivedAt (historical replay) is for role admin only.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.OBJECT),
                            examples = @ExampleObject(name = "referral", value = ApiExamples.REFERRAL)))
    @APIResponse(
            responseCode = "202",
            description = "New referral (ACCEPTED) or a higher version (AMENDED), published",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ReferralReceipt.class),
                            examples = {
                                @ExampleObject(name = "accepted", value = ApiExamples.ACCEPTED),
                                @ExampleObject(name = "amended", value = ApiExamples.AMENDED)
                            }))
    @APIResponse(
            responseCode = "200",
            description = "Same version again (DUPLICATE) or a lower version (STALE); nothing published",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ReferralReceipt.class),
                            examples = {
                                @ExampleObject(name = "duplicate", value = ApiExamples.DUPLICATE),
                                @ExampleObject(name = "stale", value = ApiExamples.STALE)
                            }))
    @APIResponse(
            responseCode = "400",
            description =
                    "Not JSON, wrong types, unknown enum values, missing fields or broken rules: every bad field named",
            content =
                    @Content(
                            mediaType = PROBLEM,
                            examples = @ExampleObject(name = "invalid", value = ApiExamples.INVALID)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = PROBLEM))
    @APIResponse(
            responseCode = "403",
            description = "Wrong role, a source this token may not act for, or receivedAt "
                    + "from a caller who is not admin",
            content =
                    @Content(
                            mediaType = PROBLEM,
                            examples = @ExampleObject(name = "receivedAt", value = ApiExamples.FORBIDDEN)))
    @APIResponse(
            responseCode = "409",
            description = "Same version with different content",
            content =
                    @Content(
                            mediaType = PROBLEM,
                            examples = @ExampleObject(name = "conflict", value = ApiExamples.CONFLICT)))
    @APIResponse(
            responseCode = "413",
            description = "Body over 1 MiB",
            content =
                    @Content(
                            mediaType = PROBLEM,
                            examples = @ExampleObject(name = "tooLarge", value = ApiExamples.TOO_LARGE)))
    @APIResponse(
            responseCode = "415",
            description = "Not application/json",
            content =
                    @Content(
                            mediaType = PROBLEM,
                            examples = @ExampleObject(name = "unsupported", value = ApiExamples.UNSUPPORTED)))
    @APIResponse(
            responseCode = "503",
            description = "Broker or database unavailable; retry the same request after Retry-After seconds",
            content =
                    @Content(
                            mediaType = PROBLEM,
                            examples = @ExampleObject(name = "unavailable", value = ApiExamples.UNAVAILABLE)))
    public Response submit(InputStream body, @Context SecurityContext security) {
        RecordResult result = intake.submit(body, security.isUserInRole(Roles.ADMIN));
        return Response.status(result.status().publishes() ? 202 : 200)
                .entity(ReferralReceipt.of(result))
                .build();
    }

    @GET
    @Path("/{referralId}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.REFERRER, Roles.CASE_HANDLER, Roles.ADMIN})
    @Operation(summary = "What ingest holds of a referral: each version and when it was received (no personal data)")
    @APIResponse(
            responseCode = "200",
            description = "Its versions and when each was received",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ReferralView.class)))
    @APIResponse(
            responseCode = "400",
            description = "referralId is not a UUID",
            content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = PROBLEM))
    @APIResponse(
            responseCode = "403",
            description = "Wrong role, or a referrer token not made for the referral's source",
            content = @Content(mediaType = PROBLEM))
    @APIResponse(
            responseCode = "503",
            description = "Database unavailable; retry after Retry-After seconds",
            content = @Content(mediaType = PROBLEM))
    @APIResponse(
            responseCode = "404",
            description = "Unknown referralId",
            content =
                    @Content(
                            mediaType = PROBLEM,
                            examples = @ExampleObject(name = "notFound", value = ApiExamples.NOT_FOUND)))
    public ReferralView get(@PathParam("referralId") UUID referralId) {
        return queries.referral(referralId);
    }
}

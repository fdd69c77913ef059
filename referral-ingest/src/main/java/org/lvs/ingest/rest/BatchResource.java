package org.lvs.ingest.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lvs.contract.Roles;
import org.lvs.ingest.rest.dto.BatchReceipt;
import org.lvs.ingest.service.ReferralIntake;

/** A batch of referrals as JSON or as a CSV extract (referral-contract.md, "A batch"). */
@Path("/api/v1/referrals/batch")
@Tag(
        name = "Referrals",
        description = "Referrals from police feeds and partners: single, batch (JSON or CSV), receipts")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.REFERRER, Roles.ADMIN})
public class BatchResource {

    static final String CSV = "text/csv";

    private final ReferralIntake intake;

    BatchResource(ReferralIntake intake) {
        this.intake = intake;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Submit a JSON batch",
            description =
                    "{batchId, source, referrals:[...]}; a referral may omit source (the batch's applies). At most "
                            + "10,000 records and 20 MiB. One result per record, in order; good records are accepted even when "
                            + "others are rejected. Every record also goes to referrals.intake.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.OBJECT),
                            examples = @ExampleObject(name = "batch", value = ApiExamples.BATCH_JSON)))
    @APIResponse(
            responseCode = "200",
            description =
                    "One result per record, in order (bad records rejected with " + "their errors, the rest accepted)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = BatchReceipt.class)))
    @APIResponse(
            responseCode = "400",
            description = "Not a batch at all (unparseable or not UTF-8, no referrals array), "
                    + "or a bad batchId or batch source: nothing accepted",
            content = @Content(mediaType = ReferralResource.PROBLEM))
    @APIResponse(
            responseCode = "401",
            description = "No valid token",
            content = @Content(mediaType = ReferralResource.PROBLEM))
    @APIResponse(
            responseCode = "403",
            description = "Wrong role, or the batch (or one of its records) names a source "
                    + "this token may not act for: nothing accepted",
            content = @Content(mediaType = ReferralResource.PROBLEM))
    @APIResponse(
            responseCode = "413",
            description = "Over 10,000 records or 20 MiB: nothing accepted",
            content =
                    @Content(
                            mediaType = ReferralResource.PROBLEM,
                            examples = @ExampleObject(name = "tooLarge", value = ApiExamples.TOO_LARGE)))
    @APIResponse(
            responseCode = "415",
            description = "Neither application/json nor text/csv",
            content =
                    @Content(
                            mediaType = ReferralResource.PROBLEM,
                            examples = @ExampleObject(name = "unsupported", value = ApiExamples.UNSUPPORTED)))
    @APIResponse(
            responseCode = "503",
            description = "Broker or database unavailable; retry the same batch",
            content =
                    @Content(
                            mediaType = ReferralResource.PROBLEM,
                            examples = @ExampleObject(name = "unavailable", value = ApiExamples.UNAVAILABLE)))
    public BatchReceipt json(InputStream body, @Context SecurityContext security) {
        return intake.submitJsonBatch(body, security.isUserInRole(Roles.ADMIN));
    }

    @POST
    @Consumes({CSV, "application/csv"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Submit a CSV batch (RFC 4180, UTF-8)",
            description =
                    "Header row of flattened field paths (sourceReference, version, feedSequence, recordedAt, area, "
                            + "crime.category, crime.hateStrands, victim.firstName, victim.address.line1, consent, ...); list "
                            + "fields separated by |; quoted fields may hold commas and line breaks.")
    @RequestBody(
            required = true,
            content = @Content(mediaType = CSV, examples = @ExampleObject(name = "csv", value = ApiExamples.BATCH_CSV)))
    @APIResponse(
            responseCode = "200",
            description =
                    "One result per record, in order (bad records rejected with " + "their errors, the rest accepted)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = BatchReceipt.class)))
    @APIResponse(
            responseCode = "400",
            description = "Not CSV, not UTF-8, no header row, or a bad batchId or source: " + "nothing accepted",
            content = @Content(mediaType = ReferralResource.PROBLEM))
    @APIResponse(
            responseCode = "401",
            description = "No valid token",
            content = @Content(mediaType = ReferralResource.PROBLEM))
    @APIResponse(
            responseCode = "403",
            description = "Wrong role, or the batch (or one of its rows) names a source "
                    + "this token may not act for: nothing accepted",
            content = @Content(mediaType = ReferralResource.PROBLEM))
    @APIResponse(
            responseCode = "415",
            description = "Neither application/json nor text/csv",
            content = @Content(mediaType = ReferralResource.PROBLEM))
    @APIResponse(
            responseCode = "413",
            description = "Over 10,000 records or 20 MiB: nothing accepted",
            content = @Content(mediaType = ReferralResource.PROBLEM))
    @APIResponse(
            responseCode = "503",
            description = "Broker or database unavailable; retry the same batch",
            content = @Content(mediaType = ReferralResource.PROBLEM))
    public BatchReceipt csv(
            InputStream body,
            @Parameter(
                            description = "The batch's source (every row's, unless a source column says otherwise)",
                            example = "ADT")
                    @QueryParam("source")
                    String source,
            @Parameter(description = "The sender's batch id; generated when absent") @QueryParam("batchId")
                    String batchId,
            @Context SecurityContext security) {
        return intake.submitCsvBatch(body, source, batchId, security.isUserInRole(Roles.ADMIN));
    }
}

package org.lvs.ingest.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lvs.contract.Roles;
import org.lvs.ingest.rest.dto.FeedGaps;
import org.lvs.ingest.rest.dto.Rejections;
import org.lvs.ingest.service.ReferralQueries;

/** What a source's feed lost (gaps) and what of it was refused (rejections); a referrer sees its own sources only. */
@Path("/api/v1/feeds")
@Tag(name = "Feeds", description = "Feed gaps and rejected records, per source")
@SecurityRequirement(name = "jwt")
public class FeedResource {

    /**
     * {@code after}: a whole number, absent or empty for the start. Up to 18 significant digits, so it always fits a
     * long (positions are a bigserial far below that). Checked as text so that a malformed {@code after} and an
     * out-of-range {@code limit} are named together in one 400, which a typed {@code Long} could not do.
     */
    static final String AFTER_RULE = "0*[0-9]{0,18}";

    static final String AFTER_MESSAGE = "must be a whole number of at least 0";
    /** {@code limit}: 1 to {@link ReferralQueries#MAX_REJECTIONS_LIMIT} (1000), absent or empty for the default. */
    static final String LIMIT_RULE = "0*([1-9][0-9]{0,2}|1000)|";

    static final String LIMIT_MESSAGE = "must be a whole number from 1 to " + ReferralQueries.MAX_REJECTIONS_LIMIT;

    private final ReferralQueries queries;

    FeedResource(ReferralQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("/{source}/gaps")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.REFERRER, Roles.CASE_HANDLER, Roles.ADMIN})
    @Operation(
            summary = "Missing feed numbers between the lowest and highest seen, as inclusive ranges",
            description = "Every record that reached the service fills its number, whatever its result.")
    @APIResponse(
            responseCode = "200",
            description = "The gaps (empty when the source sent no feed numbers)",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FeedGaps.class)))
    @APIResponse(
            responseCode = "401",
            description = "No valid token",
            content = @Content(mediaType = ReferralResource.PROBLEM))
    @APIResponse(
            responseCode = "403",
            description = "Wrong role, or a referrer token not made for this source",
            content = @Content(mediaType = ReferralResource.PROBLEM))
    @APIResponse(
            responseCode = "404",
            description = "Unknown source",
            content = @Content(mediaType = ReferralResource.PROBLEM))
    @APIResponse(
            responseCode = "503",
            description = "Database unavailable; retry after Retry-After seconds",
            content = @Content(mediaType = ReferralResource.PROBLEM))
    public FeedGaps gaps(
            @Parameter(description = "ADT, OFFICER_DIRECT, MASH, PARTNER or SELF", example = "ADT") @PathParam("source")
                    String source) {
        return queries.gaps(source);
    }

    @GET
    @Path("/{source}/rejections")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.REFERRER, Roles.CASE_HANDLER, Roles.ADMIN})
    @Operation(
            summary = "The source's rejected records, in order, after a position",
            description = "Each with its errors (field names and messages), its index in its request, and only what "
                    + "was valid of it: batchId, sourceReference, feedSequence. Poll with after = the last position "
                    + "seen (the answer's next): positions follow commit order, so nothing is missed or repeated.")
    @APIResponse(
            responseCode = "200",
            description = "Rejections after the position, lowest first",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Rejections.class)))
    @APIResponse(
            responseCode = "400",
            description = "after or limit out of range",
            content = @Content(mediaType = ReferralResource.PROBLEM))
    @APIResponse(
            responseCode = "401",
            description = "No valid token",
            content = @Content(mediaType = ReferralResource.PROBLEM))
    @APIResponse(
            responseCode = "403",
            description = "Wrong role, or a referrer token not made for this source",
            content = @Content(mediaType = ReferralResource.PROBLEM))
    @APIResponse(
            responseCode = "404",
            description = "Unknown source",
            content = @Content(mediaType = ReferralResource.PROBLEM))
    @APIResponse(
            responseCode = "503",
            description = "Database unavailable; retry after Retry-After seconds",
            content = @Content(mediaType = ReferralResource.PROBLEM))
    public Rejections rejections(
            @Parameter(description = "ADT, OFFICER_DIRECT, MASH, PARTNER or SELF", example = "ADT") @PathParam("source")
                    String source,
            @Parameter(description = "The last position seen; absent or 0 for the start", example = "0")
                    @QueryParam("after")
                    @Pattern(regexp = AFTER_RULE, message = AFTER_MESSAGE)
                    String after,
            @Parameter(description = "At most this many (default 100, at most 1000)", example = "100")
                    @QueryParam("limit")
                    @Pattern(regexp = LIMIT_RULE, message = LIMIT_MESSAGE)
                    String limit) {
        return queries.rejections(
                source,
                after == null || after.isEmpty() ? 0 : Long.parseLong(after),
                limit == null || limit.isEmpty() ? null : Integer.valueOf(limit));
    }
}

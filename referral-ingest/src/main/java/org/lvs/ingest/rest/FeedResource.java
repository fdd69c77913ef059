package org.lvs.ingest.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lvs.contract.Roles;
import org.lvs.ingest.service.FeedGaps;
import org.lvs.ingest.service.ReferralQueries;

/** Feed sequence numbers a source sent that never arrived. */
@Path("/api/v1/feeds")
@Tag(name = "Feeds")
@SecurityRequirement(name = "jwt")
public class FeedResource {

    @Inject
    ReferralQueries queries;

    @GET
    @Path("/{source}/gaps")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.REFERRER, Roles.CASE_HANDLER, Roles.ADMIN})
    @Operation(summary = "Missing feed numbers between the lowest and highest seen, as inclusive ranges",
            description = "Every record that reached the service fills its number, whatever its result.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FeedGaps.class)))
    @APIResponse(responseCode = "404", description = "Unknown source", content = @Content(mediaType = ReferralResource.PROBLEM))
    public FeedGaps gaps(@PathParam("source") String source) {
        return queries.gaps(source);
    }
}

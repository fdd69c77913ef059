package org.lvs.sla.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.lvs.commons.problem.Problem;
import org.lvs.contract.Roles;
import org.lvs.sla.service.CaseQueries;
import org.lvs.sla.service.WaitingLists;

/** Caseloads against capacity, and who is waiting for a worker or an onward service. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.CASE_HANDLER, Roles.ADMIN})
public class WorkforceResource {

    @Inject
    CaseQueries queries;
    @Inject
    WaitingLists waitingLists;

    @Operation(summary = "Open cases per worker against their pathway's capacity")
    @APIResponse(responseCode = "200", description = "One row per worker")
    @GET
    @Path("/workers")
    public List<Map<String, Object>> workers() {
        return queries.workers();
    }

    @Operation(summary = "Who waits for a worker or an onward service, every case a page at a time")
    @APIResponse(responseCode = "200",
            description = "The waiting lists, each group with its total and this page of entries")
    @APIResponse(responseCode = "400", description = ApiDocs.BAD_REQUEST,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    /**
     * Every waiting case, a page at a time per group: {@code page} (from 0) and {@code size} (1 to 500, default 50);
     * {@code strand} or {@code service} narrows the answer to that group.
     */
    @GET
    @Path("/waiting-lists")
    public WaitingLists.View waitingLists(@QueryParam("page") String page, @QueryParam("size") String size,
            @QueryParam("strand") String strand, @QueryParam("service") String service) {
        return waitingLists.list(page, size, strand, service);
    }
}

package org.lvs.sla.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.lvs.commons.problem.Problem;
import org.lvs.contract.Roles;
import org.lvs.sla.service.CaseQueries;
import org.lvs.sla.service.CaseRow;
import org.lvs.sla.service.PageOf;

/** The contact clock's lists: breached cases and cases at risk. */
@Path("/api/v1/sla")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.CASE_HANDLER, Roles.ADMIN})
public class SlaResource {

    @Inject
    CaseQueries queries;

    @Operation(summary = "Breached cases, oldest due first")
    @APIResponse(responseCode = "200", description = "A page of breached cases")
    @APIResponse(responseCode = "400", description = ApiDocs.BAD_REQUEST,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @GET
    @Path("/breaches")
    public PageOf<CaseRow> breaches(@QueryParam("strand") String strand, @QueryParam("area") String area,
            @QueryParam("priority") String priority, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("open") String open, @QueryParam("page") String page, @QueryParam("size") String size) {
        return queries.breaches(new CaseQueries.Filters(strand, area, priority, from, to, page, size), open);
    }

    @Operation(summary = "Uncontacted cases due within withinHours, soonest first")
    @APIResponse(responseCode = "200", description = "A page of cases at risk")
    @APIResponse(responseCode = "400", description = ApiDocs.BAD_REQUEST,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @GET
    @Path("/at-risk")
    public PageOf<CaseRow> atRisk(@QueryParam("withinHours") String withinHours, @QueryParam("strand") String strand,
            @QueryParam("area") String area, @QueryParam("priority") String priority,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return queries.atRisk(withinHours, new CaseQueries.Filters(strand, area, priority, from, to, page, size));
    }
}

package org.lvs.sla.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
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

    @GET
    @Path("/breaches")
    public PageOf<CaseRow> breaches(@QueryParam("strand") String strand, @QueryParam("area") String area,
            @QueryParam("priority") String priority, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("open") String open, @QueryParam("page") String page, @QueryParam("size") String size) {
        return queries.breaches(new CaseQueries.Filters(strand, area, priority, from, to, page, size), open);
    }

    @GET
    @Path("/at-risk")
    public PageOf<CaseRow> atRisk(@QueryParam("withinHours") String withinHours, @QueryParam("strand") String strand,
            @QueryParam("area") String area, @QueryParam("priority") String priority,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return queries.atRisk(withinHours, new CaseQueries.Filters(strand, area, priority, from, to, page, size));
    }
}

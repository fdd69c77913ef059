package org.lvs.sla.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.lvs.contract.Roles;
import jakarta.ws.rs.QueryParam;
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

    @GET
    @Path("/workers")
    public List<Map<String, Object>> workers() {
        return queries.workers();
    }

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

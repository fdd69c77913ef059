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
import org.lvs.sla.service.CaseQueries;

/** Caseloads against capacity, and who is waiting for a worker or an onward service. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.CASE_HANDLER, Roles.ADMIN})
public class WorkforceResource {

    @Inject
    CaseQueries queries;

    @GET
    @Path("/workers")
    public List<Map<String, Object>> workers() {
        return queries.workers();
    }

    @GET
    @Path("/waiting-lists")
    public Map<String, Object> waitingLists() {
        return queries.waitingLists();
    }
}

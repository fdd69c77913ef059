package org.lvs.sla.rest;

import jakarta.annotation.security.RolesAllowed;
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
import org.lvs.sla.service.AccessAudit;
import org.lvs.sla.service.AccessAuditQueries;
import org.lvs.sla.service.PageOf;

/** The access audit for admin: who read which case and who searched for whom, when and why. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AuditResource {

    private final AccessAuditQueries queries;

    AuditResource(AccessAuditQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "The access audit (admin): case reads and victim searches")
    @APIResponse(responseCode = "200", description = "A page of audit entries, oldest first")
    @APIResponse(responseCode = "400", description = ApiDocs.BAD_REQUEST,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    /** Entries oldest first; {@code from}/{@code to} a date (Europe/London, {@code to} inclusive) or an instant. */
    @GET
    public PageOf<AccessAudit.Entry> list(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("action") String action, @QueryParam("actor") String actor, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return queries.list(from, to, action, actor, page, size);
    }
}

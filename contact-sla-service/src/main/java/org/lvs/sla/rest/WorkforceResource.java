package org.lvs.sla.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.lvs.commons.problem.Problem;
import org.lvs.commons.rest.validation.EnumName;
import org.lvs.commons.rest.validation.EnumNames;
import org.lvs.commons.rest.validation.PageNumber;
import org.lvs.commons.rest.validation.PageSize;
import org.lvs.contract.Roles;
import org.lvs.contract.casework.OnwardService;
import org.lvs.contract.triage.Strand;
import org.lvs.sla.persistence.Paging;
import org.lvs.sla.persistence.WaitingListQueries;
import org.lvs.sla.rest.dto.WaitingListView;
import org.lvs.sla.rest.dto.WorkerCaseload;
import org.lvs.sla.service.Caseloads;

/** Caseloads against capacity, and who is waiting for a worker or an onward service. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.CASE_HANDLER, Roles.ADMIN})
public class WorkforceResource {

    private final Caseloads caseloads;
    private final WaitingListQueries waitingLists;
    private final Clock clock;

    WorkforceResource(Caseloads caseloads, WaitingListQueries waitingLists, Clock clock) {
        this.caseloads = caseloads;
        this.waitingLists = waitingLists;
        this.clock = clock;
    }

    @Operation(summary = "Open cases per worker against their pathway's capacity")
    @APIResponse(responseCode = "200", description = "One row per worker")
    @GET
    @Path("/workers")
    public List<WorkerCaseload> workers() {
        return caseloads.all();
    }

    /**
     * Every waiting case, a page at a time per group: {@code page} (from 0) and {@code size} (1 to 500, default 50);
     * {@code strand} or {@code service} narrows the answer to that group.
     */
    @Operation(summary = "Who waits for a worker or an onward service, every case a page at a time")
    @APIResponse(
            responseCode = "200",
            description = "The waiting lists, each group with its total and this page of entries")
    @APIResponse(
            responseCode = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @GET
    @Path("/waiting-lists")
    public WaitingListView waitingLists(
            @QueryParam("page") @PageNumber Integer page,
            @QueryParam("size") @PageSize(max = Paging.MAX_SIZE) Integer size,
            @QueryParam("strand") @EnumName(Strand.class) String strand,
            @QueryParam("service") @EnumName(OnwardService.class) String service) {
        return waitingLists.list(
                EnumNames.parse(Strand.class, strand),
                EnumNames.parse(OnwardService.class, service),
                Paging.of(page, size),
                clock.instant());
    }
}

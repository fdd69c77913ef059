package org.lvs.sla.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.lvs.commons.problem.Problem;
import org.lvs.commons.rest.validation.DateOrInstant;
import org.lvs.commons.rest.validation.EnumName;
import org.lvs.commons.rest.validation.EnumNames;
import org.lvs.commons.rest.validation.PageNumber;
import org.lvs.commons.rest.validation.PageSize;
import org.lvs.commons.rest.validation.TimeText;
import org.lvs.commons.text.SafeText;
import org.lvs.contract.Roles;
import org.lvs.contract.triage.Priority;
import org.lvs.contract.triage.Strand;
import org.lvs.sla.persistence.CaseQueries;
import org.lvs.sla.persistence.Cursor;
import org.lvs.sla.persistence.Paging;
import org.lvs.sla.rest.dto.CaseRow;
import org.lvs.sla.rest.dto.PageOf;
import org.lvs.sla.rest.validation.CursorToken;
import org.lvs.sla.rest.validation.FreeText;

/** The contact clock's lists: breached cases and cases at risk. */
@Path("/api/v1/sla")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.CASE_HANDLER, Roles.ADMIN})
public class SlaResource {

    /** An area filter is a configured area code; anything longer, or not a single line, names no case. */
    static final int AREA_MAX = 64;

    static final int MAX_WITHIN_HOURS = 720;
    static final String WITHIN_HOURS_RANGE = "must be from 1 to " + MAX_WITHIN_HOURS;

    private final CaseQueries queries;
    private final Clock clock;

    SlaResource(CaseQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @Operation(summary = "Breached cases, oldest due first")
    @APIResponse(responseCode = "200", description = "A page of breached cases")
    @APIResponse(
            responseCode = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @GET
    @Path("/breaches")
    public PageOf<CaseRow> breaches(
            @QueryParam("strand") @EnumName(Strand.class) String strand,
            @QueryParam("area") @FreeText(kind = SafeText.Kind.LINE, max = AREA_MAX) String area,
            @QueryParam("priority") @EnumName(Priority.class) String priority,
            @QueryParam("from") @DateOrInstant String from,
            @QueryParam("to") @DateOrInstant String to,
            @QueryParam("open") Boolean open,
            @QueryParam("page") @PageNumber Integer page,
            @QueryParam("size") @PageSize(max = Paging.MAX_SIZE) Integer size,
            @QueryParam("after") @CursorToken String after) {
        return queries.breaches(
                filter(strand, area, priority, from, to),
                open == null || open,
                Paging.of(page, size, Cursor.parse(after)),
                clock.instant());
    }

    @Operation(summary = "Uncontacted cases due within withinHours, soonest first")
    @APIResponse(responseCode = "200", description = "A page of cases at risk")
    @APIResponse(
            responseCode = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @GET
    @Path("/at-risk")
    public PageOf<CaseRow> atRisk(
            @QueryParam("withinHours")
                    @NotNull(message = "is required (1 to " + MAX_WITHIN_HOURS + ")")
                    @Min(value = 1, message = WITHIN_HOURS_RANGE)
                    @Max(value = MAX_WITHIN_HOURS, message = WITHIN_HOURS_RANGE)
                    Integer withinHours,
            @QueryParam("strand") @EnumName(Strand.class) String strand,
            @QueryParam("area") @FreeText(kind = SafeText.Kind.LINE, max = AREA_MAX) String area,
            @QueryParam("priority") @EnumName(Priority.class) String priority,
            @QueryParam("from") @DateOrInstant String from,
            @QueryParam("to") @DateOrInstant String to,
            @QueryParam("page") @PageNumber Integer page,
            @QueryParam("size") @PageSize(max = Paging.MAX_SIZE) Integer size,
            @QueryParam("after") @CursorToken String after) {
        return queries.atRisk(
                withinHours,
                filter(strand, area, priority, from, to),
                Paging.of(page, size, Cursor.parse(after)),
                clock.instant());
    }

    private static CaseQueries.Filter filter(String strand, String area, String priority, String from, String to) {
        return new CaseQueries.Filter(
                EnumNames.parse(Strand.class, strand),
                area,
                EnumNames.parse(Priority.class, priority),
                TimeText.from(from),
                TimeText.to(to));
    }
}

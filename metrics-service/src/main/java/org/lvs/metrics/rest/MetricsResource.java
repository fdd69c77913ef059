package org.lvs.metrics.rest;

import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.lvs.commons.problem.Problem;
import org.lvs.commons.problem.ProblemException;
import org.lvs.commons.rest.validation.IsoDate;
import org.lvs.contract.Roles;
import org.lvs.metrics.domain.FinancialYear;
import org.lvs.metrics.domain.PeriodName;
import org.lvs.metrics.rest.dto.LiveView;
import org.lvs.metrics.rest.dto.RebuildStatus;
import org.lvs.metrics.rest.dto.StreamTicket;
import org.lvs.metrics.rest.dto.Summary;
import org.lvs.metrics.service.LiveService;
import org.lvs.metrics.service.MetricsChanges;
import org.lvs.metrics.service.PeriodService;
import org.lvs.metrics.service.RebuildService;
import org.lvs.metrics.service.StreamTickets;
import org.lvs.metrics.service.SummaryService;

/** The figures (metrics.md), the live page's data and stream, and the rebuild command. */
@Path("/api/v1/metrics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Figures", description = "The figures of metrics.md, the live page's data, and their rebuild")
@SecuritySchemes({
    @SecurityScheme(
            securitySchemeName = MetricsResource.BEARER,
            type = SecuritySchemeType.HTTP,
            scheme = "bearer",
            bearerFormat = "JWT",
            description = "A JWT (RS256) with the caller's roles in groups (interfaces.md)"),
    @SecurityScheme(
            securitySchemeName = MetricsResource.TICKET,
            type = SecuritySchemeType.APIKEY,
            apiKeyName = "ticket",
            in = SecuritySchemeIn.QUERY,
            description = "A short-lived stream ticket from POST /api/v1/metrics/stream-tickets")
})
public class MetricsResource {

    static final String BEARER = "bearer";
    static final String TICKET = "streamTicket";

    static final String PROBLEM = "application/problem+json";

    /** What a period name looks like, said when one does not. */
    static final String PERIOD_SHAPE = "must be a financial year like 2017-18 or a quarter like 2017-18-Q2";

    private final PeriodService periods;
    private final SummaryService summaries;
    private final LiveService live;
    private final StreamTickets tickets;
    private final MetricsChanges changes;
    private final RebuildService rebuilds;

    MetricsResource(
            PeriodService periods,
            SummaryService summaries,
            LiveService live,
            StreamTickets tickets,
            MetricsChanges changes,
            RebuildService rebuilds) {
        this.periods = periods;
        this.summaries = summaries;
        this.live = live;
        this.tickets = tickets;
        this.changes = changes;
        this.rebuilds = rebuilds;
    }

    @GET
    @Path("/summary")
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    @Operation(
            summary = "Every figure of metrics.md for a period",
            description = "A quarter (2017-18-Q2), a financial year (2017-18), or from/to dates (inclusive); "
                    + "without any, the current quarter (Europe/London).")
    @SecurityRequirement(name = BEARER)
    @APIResponse(
            responseCode = "200",
            description = "The figures, nested as their dotted names say",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Summary.class)))
    @APIResponse(
            responseCode = "400",
            description = "A malformed period, naming the bad parameters",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "401",
            description = "No valid token",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "403",
            description = "The token has neither the ops nor the admin role",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "The database is unavailable; retry after the given time",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Summary summary(
            @Parameter(description = "A quarter (2017-18-Q2) or a financial year (2017-18)")
                    @QueryParam("period")
                    @Pattern(regexp = PeriodName.PATTERN, message = PERIOD_SHAPE)
                    String period,
            @Parameter(description = "First day of a range (ISO date), with to")
                    @QueryParam("from")
                    @IsoDate(minYear = FinancialYear.FIRST_YEAR, maxYear = FinancialYear.LAST_YEAR)
                    String from,
            @Parameter(description = "Last day of a range (ISO date), with from")
                    @QueryParam("to")
                    @IsoDate(minYear = FinancialYear.FIRST_YEAR, maxYear = FinancialYear.LAST_YEAR)
                    String to) {
        return summaries.summary(periods.fromParameters(period, from, to));
    }

    /** The live page's data; without a period, the current quarter (metrics.md, Live). */
    @GET
    @Path("/live")
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    @Operation(
            summary = "The live page's data",
            description = "The period's summary, referrals per day, priority contact per week, the open breaches "
                    + "and at-risk cases now, and the service's labels; without a period, the current quarter.")
    @SecurityRequirement(name = BEARER)
    @APIResponse(
            responseCode = "200",
            description = "The live page's data",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LiveView.class)))
    @APIResponse(
            responseCode = "400",
            description = "A malformed period, naming the bad parameters",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "401",
            description = "No valid token",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "403",
            description = "The token has neither the ops nor the admin role",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "The database is unavailable; retry after the given time",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public LiveView live(
            @Parameter(description = "A quarter (2017-18-Q2) or a financial year (2017-18)")
                    @QueryParam("period")
                    @Pattern(regexp = PeriodName.PATTERN, message = PERIOD_SHAPE)
                    String period,
            @Parameter(description = "First day of a range (ISO date), with to")
                    @QueryParam("from")
                    @IsoDate(minYear = FinancialYear.FIRST_YEAR, maxYear = FinancialYear.LAST_YEAR)
                    String from,
            @Parameter(description = "Last day of a range (ISO date), with from")
                    @QueryParam("to")
                    @IsoDate(minYear = FinancialYear.FIRST_YEAR, maxYear = FinancialYear.LAST_YEAR)
                    String to) {
        return live.live(periods.fromParameters(period, from, to));
    }

    /** Trades the caller's bearer token for a short-lived ticket the EventSource may carry in its URL. */
    @POST
    @Path("/stream-tickets")
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    @Operation(
            summary = "A ticket for the live stream",
            description = "EventSource cannot send an Authorization header: the page trades its token for a "
                    + "short-lived random ticket, so the token never appears in a URL.")
    @SecurityRequirement(name = BEARER)
    @APIResponse(
            responseCode = "200",
            description = "The ticket and when it expires",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = StreamTicket.class)))
    @APIResponse(
            responseCode = "401",
            description = "No valid token",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "403",
            description = "The token has neither the ops nor the admin role",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public StreamTicket streamTicket() {
        return tickets.issue();
    }

    /**
     * Server-sent events: {@code {"version": n}} whenever applied events changed the figures, and a heartbeat now
     * and then. Authenticated by a ticket, not a token.
     */
    @GET
    @Path("/stream")
    @PermitAll
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    @Operation(
            summary = "Server-sent events when the figures change",
            description = "{\"version\": n} whenever applied events changed the figures, and a heartbeat now and "
                    + "then; the page reloads its data on each.")
    @SecurityRequirement(name = TICKET)
    @APIResponse(
            responseCode = "200",
            description = "The event stream",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(
            responseCode = "401",
            description = "No valid stream ticket",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Multi<String> stream(
            @Parameter(in = ParameterIn.QUERY, description = "A ticket from POST /api/v1/metrics/stream-tickets")
                    @QueryParam("ticket")
                    String ticket) {
        if (!tickets.valid(ticket)) {
            throw new ProblemException(
                    401,
                    "Unauthorized",
                    "a valid stream ticket is required " + "(POST /api/v1/metrics/stream-tickets)",
                    null,
                    null);
        }
        return changes.versions();
    }

    /**
     * Rebuilds the figures from the topics into new tables and swaps them in once complete; the current figures
     * serve until then, and stay if it fails (README: rebuilding the figures).
     */
    @POST
    @Path("/rebuild")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Rebuild the figures from the topics",
            description = "Builds new tables from the long-lived topics while the current figures serve, and swaps "
                    + "them in once complete; a failed rebuild leaves the current figures.")
    @SecurityRequirement(name = BEARER)
    @APIResponse(
            responseCode = "202",
            description = "The rebuild started",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RebuildStatus.class)))
    @APIResponse(
            responseCode = "401",
            description = "No valid token",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "403",
            description = "The token has no admin role",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "A rebuild is already running",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "The database is unavailable; retry after the given time",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Response rebuild() {
        return Response.accepted(rebuilds.start()).build();
    }

    /** The latest rebuild, as stored (it survives restarts); one whose process died reads FAILED. */
    @GET
    @Path("/rebuild")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "The latest rebuild",
            description = "Its state (IDLE before any, RUNNING, DONE or FAILED), progress, error and which "
                    + "figures serve; kept across restarts.")
    @SecurityRequirement(name = BEARER)
    @APIResponse(
            responseCode = "200",
            description = "The latest rebuild",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RebuildStatus.class)))
    @APIResponse(
            responseCode = "401",
            description = "No valid token",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "403",
            description = "The token has no admin role",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "The database is unavailable; retry after the given time",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public RebuildStatus rebuildStatus() {
        return rebuilds.status();
    }
}

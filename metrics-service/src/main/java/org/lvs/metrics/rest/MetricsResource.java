package org.lvs.metrics.rest;

import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.lvs.commons.problem.ProblemException;
import org.lvs.contract.Roles;
import org.lvs.metrics.config.MetricsConfig;
import org.lvs.metrics.service.LiveService;
import org.lvs.metrics.service.MetricsChanges;
import org.lvs.metrics.service.PeriodService;
import org.lvs.metrics.service.RebuildService;
import org.lvs.metrics.service.StreamTickets;
import org.lvs.metrics.service.SummaryService;

/** The figures (metrics.md), the live page's data and stream, and the rebuild command. */
@Path("/api/v1/metrics")
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {

    /** Heartbeat every this many polls, so proxies keep an idle stream open. */
    private static final long HEARTBEAT_POLLS = 60;

    @Inject
    PeriodService periods;

    @Inject
    SummaryService summaries;

    @Inject
    LiveService live;

    @Inject
    StreamTickets tickets;

    @Inject
    MetricsChanges changes;

    @Inject
    RebuildService rebuilds;

    @Inject
    MetricsConfig config;

    @GET
    @Path("/summary")
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    public Map<String, Object> summary(@QueryParam("period") String period, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        return summaries.summary(periods.fromParameters(period, from, to));
    }

    /** The live page's data; without a period, the current quarter (metrics.md, Live). */
    @GET
    @Path("/live")
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    public Map<String, Object> live(@QueryParam("period") String period, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        return live.live(periods.fromParameters(period, from, to));
    }

    /** Trades the caller's bearer token for a short-lived ticket the EventSource may carry in its URL. */
    @POST
    @Path("/stream-tickets")
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    public StreamTickets.Ticket streamTicket() {
        return tickets.issue();
    }

    /**
     * Server-sent events: {@code {"version": n}} whenever applied events changed the figures (checked every
     * {@code lvs.metrics.stream-poll}), and a heartbeat now and then. Authenticated by a ticket, not a token.
     */
    @GET
    @Path("/stream")
    @PermitAll
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> stream(@QueryParam("ticket") String ticket) {
        if (!tickets.valid(ticket)) {
            throw new ProblemException(401, "Unauthorized", "a valid stream ticket is required "
                    + "(POST /api/v1/metrics/stream-tickets)", null, null);
        }
        AtomicLong seen = new AtomicLong(-1);
        Duration poll = config.streamPoll();
        return Multi.createFrom().ticks().every(poll)
                .filter(tick -> {
                    long now = changes.version();
                    return seen.getAndSet(now) != now || tick % HEARTBEAT_POLLS == 0;
                })
                .map(tick -> "{\"version\":" + changes.version() + "}");
    }

    /**
     * Rebuilds the figures from the topics into new tables and swaps them in once complete; the current figures
     * serve until then, and stay if it fails (README: rebuilding the figures).
     */
    @POST
    @Path("/rebuild")
    @RolesAllowed(Roles.ADMIN)
    public Response rebuild() {
        return Response.accepted(rebuilds.start()).build();
    }

    /** The latest rebuild, as stored (it survives restarts); one whose process died reads FAILED. */
    @GET
    @Path("/rebuild")
    @RolesAllowed(Roles.ADMIN)
    public RebuildService.Status rebuildStatus() {
        return rebuilds.status();
    }
}

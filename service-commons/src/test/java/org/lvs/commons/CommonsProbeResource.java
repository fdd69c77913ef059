package org.lvs.commons;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.lvs.commons.jdbc.Sql;
import org.lvs.commons.outbox.Outbox;
import org.lvs.commons.problem.ProblemException;
import org.lvs.commons.security.SourceAccess;
import org.lvs.contract.FieldError;
import org.lvs.contract.Roles;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventIds;

/** A test-only resource that exercises the commons the way a service does. */
@Path("/probe")
public class CommonsProbeResource {

    @Inject
    Outbox outbox;

    @Inject
    Sql sql;

    @Inject
    SourceAccess sources;

    /**
     * Records an event once per id (its natural key, in the same transaction) and enqueues one outbox event for it;
     * answers whether it was new.
     */
    @POST
    @Path("/events/{id}")
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    @Transactional
    public boolean handle(@PathParam("id") UUID id) {
        if (!firstTime(id)) {
            return false;
        }
        outbox.enqueue(
                Topics.CASES_EVENTS,
                id.toString(),
                EventEnvelope.of(
                        EventIds.of(id, "probe"),
                        "Probe",
                        Instant.parse("2017-07-01T00:00:00Z"),
                        java.util.Map.of("id", id.toString())));
        return true;
    }

    /** The batch calls: records the ids once and enqueues one event per new id; answers how many were new. */
    @POST
    @Path("/batch")
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    @Transactional
    public int handleAll(List<UUID> ids) {
        java.util.Set<UUID> fresh = new java.util.HashSet<>();
        ids.stream().distinct().filter(this::firstTime).forEach(fresh::add);
        outbox.enqueueAll(ids.stream()
                .filter(fresh::contains)
                .distinct()
                .map(id -> new org.lvs.commons.messaging.OutgoingEvent(
                        Topics.CASES_EVENTS,
                        id.toString(),
                        EventEnvelope.of(
                                EventIds.of(id, "probe-batch"),
                                "Probe",
                                Instant.parse("2017-07-01T00:00:00Z"),
                                java.util.Map.of("id", id.toString()))))
                .toList());
        return fresh.size();
    }

    /** Enqueues an event whose payload holds {@code size} characters (over 1 MiB the broker refuses it for good). */
    @POST
    @Path("/sized/{id}/{size}")
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    @Transactional
    public void sized(@PathParam("id") UUID id, @PathParam("size") int size) {
        outbox.enqueue(
                Topics.CASES_EVENTS,
                id.toString(),
                EventEnvelope.of(
                        EventIds.of(id, "sized"),
                        "Probe",
                        Instant.parse("2017-07-01T00:00:00Z"),
                        java.util.Map.of("filler", "x".repeat(size))));
    }

    /** Echoes a typed UUID path and query parameter. */
    @GET
    @Path("/ids/{referralId}")
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    public String ids(
            @PathParam("referralId") UUID referralId,
            @QueryParam("after") UUID after,
            @QueryParam("since") Instant since,
            @QueryParam("from") java.time.LocalDate from) {
        return referralId + " " + after + " " + since + " " + from;
    }

    /** 204 when the caller may act for the source, else the 403 problem. */
    @GET
    @Path("/sources/{source}")
    @RolesAllowed({Roles.REFERRER, Roles.CASE_HANDLER, Roles.OPS, Roles.ADMIN})
    public void source(@PathParam("source") String source) {
        sources.requireSource(source);
    }

    /** A typed request, validated by Bean Validation. */
    public record ProbeRequest(
            @NotBlank @Size(max = 5) String name,
            @Valid @NotNull Inner inner,
            List<@Min(1) Integer> counts) {
        public record Inner(@Min(1) @Max(10) int score) {}
    }

    /** Typed query and body parameters: every violation of both in one 400 problem. */
    @POST
    @Path("/validated")
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    public int validated(@QueryParam("size") @Min(1) @Max(500) int size, @Valid @NotNull ProbeRequest body) {
        return size;
    }

    @POST
    @Path("/invalid")
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    public void invalid() {
        throw ProblemException.badRequest(
                List.of(new FieldError("a", "must be set"), new FieldError("b.c", "too long")));
    }

    @POST
    @Path("/rollback/{id}")
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    @Transactional
    public void rollback(@PathParam("id") UUID id) {
        firstTime(id);
        outbox.enqueue(
                Topics.CASES_EVENTS,
                id.toString(),
                EventEnvelope.of(EventIds.of(id, "rolled-back"), "Probe", Instant.now(), java.util.Map.of()));
        throw ProblemException.conflict("nothing of this request is kept");
    }

    /** The probe's natural key: true when this transaction is the first to insert the id. */
    private boolean firstTime(UUID id) {
        return sql.update("insert into probe_seen (id) values (?) on conflict do nothing", id) == 1;
    }
}

package org.lvs.sla.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
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
import org.lvs.contract.casework.CaseStatus;
import org.lvs.contract.triage.Strand;
import org.lvs.sla.persistence.CaseQueries;
import org.lvs.sla.persistence.Cursor;
import org.lvs.sla.persistence.Paging;
import org.lvs.sla.rest.dto.CaseAuditEntry;
import org.lvs.sla.rest.dto.CaseRequests;
import org.lvs.sla.rest.dto.CaseRow;
import org.lvs.sla.rest.dto.CaseSearchRequest;
import org.lvs.sla.rest.dto.CaseView;
import org.lvs.sla.rest.dto.PageOf;
import org.lvs.sla.rest.validation.CursorToken;
import org.lvs.sla.service.CaseSearch;
import org.lvs.sla.service.CaseWorkService;

/** Cases: read, work (sla-policy.md, case actions), audit trail, work queues and victim search. */
@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.CASE_HANDLER, Roles.ADMIN})
public class CaseResource {

    private final CaseWorkService work;
    private final CaseQueries queries;
    private final CaseSearch caseSearch;
    private final Actors actors;
    private final Clock clock;

    CaseResource(CaseWorkService work, CaseQueries queries, CaseSearch caseSearch, Actors actors, Clock clock) {
        this.work = work;
        this.queries = queries;
        this.caseSearch = caseSearch;
        this.actors = actors;
        this.clock = clock;
    }

    /**
     * A work queue ({@code status}, {@code strand}) or, with any search term, a search for a victim who calls in:
     * narrow (a phone, an email, a personRef, or a full name with date of birth or postcode) and audited with the
     * stated {@code reason}.
     */
    @Operation(summary = "A work queue, or a narrow, audited victim search")
    @APIResponse(responseCode = "200", description = "A page of cases, soonest due first")
    @APIResponse(
            responseCode = "400",
            description = ApiDocs.BAD_SEARCH,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @GET
    public PageOf<CaseRow> list(
            @QueryParam("status") @EnumName(CaseStatus.class) String status,
            @QueryParam("strand") @EnumName(Strand.class) String strand,
            @QueryParam("q") String q,
            @QueryParam("firstName") String firstName,
            @QueryParam("lastName") String lastName,
            @QueryParam("dateOfBirth") String dateOfBirth,
            @QueryParam("postcode") String postcode,
            @QueryParam("phone") String phone,
            @QueryParam("email") String email,
            @QueryParam("personRef") String personRef,
            @QueryParam("reason") String reason,
            @QueryParam("page") @PageNumber Integer page,
            @QueryParam("size") @PageSize(max = Paging.MAX_SIZE) Integer size,
            @QueryParam("after") @CursorToken String after) {
        CaseSearchRequest search =
                new CaseSearchRequest(q, firstName, lastName, dateOfBirth, postcode, phone, email, personRef, reason);
        if (search.isSearch()) {
            return caseSearch.search(search, Paging.of(page, size, Cursor.parse(after)), actors.current());
        }
        return queries.workQueue(
                EnumNames.parse(CaseStatus.class, status),
                EnumNames.parse(Strand.class, strand),
                Paging.of(page, size, Cursor.parse(after)),
                clock.instant());
    }

    @Operation(summary = "The case, its context and its contact clock (the read is audited)")
    @APIResponse(responseCode = "200", description = "The case")
    @APIResponse(
            responseCode = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = ApiDocs.NOT_FOUND,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @GET
    @Path("/{referralId}")
    public CaseView get(@PathParam("referralId") UUID referralId) {
        return work.get(referralId, actors.current());
    }

    @Operation(summary = "Record a contact attempt or a contact")
    @APIResponse(responseCode = "200", description = ApiDocs.ACTION_DONE)
    @APIResponse(
            responseCode = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = ApiDocs.NOT_FOUND,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = ApiDocs.CONFLICT,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @POST
    @Path("/{referralId}/contacts")
    public CaseView contact(@PathParam("referralId") UUID referralId, CaseRequests.ContactRequest body) {
        return work.recordContact(referralId, body, actors.current());
    }

    @Operation(summary = "Screen a case that is unsafe to contact")
    @APIResponse(responseCode = "200", description = ApiDocs.ACTION_DONE)
    @APIResponse(
            responseCode = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = ApiDocs.NOT_FOUND,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = ApiDocs.CONFLICT,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @POST
    @Path("/{referralId}/screening")
    public CaseView screening(@PathParam("referralId") UUID referralId, CaseRequests.ScreeningRequest body) {
        return work.screen(referralId, body, actors.current());
    }

    @Operation(summary = "Confirm or refuse implied consent")
    @APIResponse(responseCode = "200", description = ApiDocs.ACTION_DONE)
    @APIResponse(
            responseCode = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = ApiDocs.NOT_FOUND,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = ApiDocs.CONFLICT,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @POST
    @Path("/{referralId}/consent")
    public CaseView consent(@PathParam("referralId") UUID referralId, CaseRequests.ConsentRequest body) {
        return work.consent(referralId, body, actors.current());
    }

    @Operation(summary = "Assign the case to a worker")
    @APIResponse(responseCode = "200", description = ApiDocs.ACTION_DONE)
    @APIResponse(
            responseCode = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = ApiDocs.NOT_FOUND,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = ApiDocs.CONFLICT,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @POST
    @Path("/{referralId}/assignment")
    public CaseView assignment(@PathParam("referralId") UUID referralId, CaseRequests.AssignmentRequest body) {
        return work.assign(referralId, body, actors.current());
    }

    @Operation(summary = "Correct the grading or the route, with a reason")
    @APIResponse(responseCode = "200", description = ApiDocs.ACTION_DONE)
    @APIResponse(
            responseCode = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = ApiDocs.NOT_FOUND,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = ApiDocs.CONFLICT,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @POST
    @Path("/{referralId}/pathway")
    public CaseView pathway(@PathParam("referralId") UUID referralId, CaseRequests.PathwayRequest body) {
        return work.regrade(referralId, body, actors.current());
    }

    @Operation(summary = "Request an onward support service")
    @APIResponse(responseCode = "200", description = ApiDocs.ACTION_DONE)
    @APIResponse(
            responseCode = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = ApiDocs.NOT_FOUND,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = ApiDocs.CONFLICT,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @POST
    @Path("/{referralId}/services")
    public CaseView service(@PathParam("referralId") UUID referralId, CaseRequests.ServiceRequest body) {
        return work.requestService(referralId, body, actors.current());
    }

    @Operation(summary = "Record that a requested service started")
    @APIResponse(responseCode = "200", description = ApiDocs.ACTION_DONE)
    @APIResponse(
            responseCode = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = ApiDocs.NOT_FOUND,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = ApiDocs.NOT_WAITING,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @POST
    @Path("/{referralId}/services/{service}/start")
    public CaseView startService(
            @PathParam("referralId") UUID referralId, @PathParam("service") String service, CaseRequests.AtOnly body) {
        return work.startService(
                referralId,
                new CaseRequests.ServiceRequest(body == null ? null : body.at(), service),
                actors.current());
    }

    @Operation(summary = "Record outcome scores (START or END)")
    @APIResponse(responseCode = "200", description = ApiDocs.ACTION_DONE)
    @APIResponse(
            responseCode = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = ApiDocs.NOT_FOUND,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = ApiDocs.CONFLICT,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @POST
    @Path("/{referralId}/outcomes")
    public CaseView outcome(@PathParam("referralId") UUID referralId, CaseRequests.OutcomeRequest body) {
        return work.recordOutcome(referralId, body, actors.current());
    }

    @Operation(summary = "Close the case with a reason")
    @APIResponse(responseCode = "200", description = ApiDocs.ACTION_DONE)
    @APIResponse(
            responseCode = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = ApiDocs.NOT_FOUND,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = ApiDocs.CONFLICT,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @POST
    @Path("/{referralId}/closure")
    public CaseView closure(@PathParam("referralId") UUID referralId, CaseRequests.ClosureRequest body) {
        return work.close(referralId, body, actors.current());
    }

    @Operation(summary = "Erase the victim's personal data (admin); the erasure propagates on cases.erasures")
    @APIResponse(responseCode = "200", description = "Erased: the case as GET shows it, counts and clock kept")
    @APIResponse(
            responseCode = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = ApiDocs.NOT_FOUND,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @DELETE
    @Path("/{referralId}/personal-data")
    @RolesAllowed(Roles.ADMIN)
    public CaseView erase(@PathParam("referralId") UUID referralId) {
        return work.erase(referralId, actors.current());
    }

    @Operation(summary = "The case's audit trail: every change with who and when")
    @APIResponse(responseCode = "200", description = "The audit trail, oldest first")
    @APIResponse(
            responseCode = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = ApiDocs.NOT_FOUND,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @GET
    @Path("/{referralId}/audit")
    public List<CaseAuditEntry> audit(@PathParam("referralId") UUID referralId) {
        return work.audit(referralId);
    }
}

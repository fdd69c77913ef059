package org.lvs.sla.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lvs.commons.problem.ProblemException;
import org.lvs.contract.FieldError;
import org.lvs.contract.Roles;
import org.lvs.sla.service.CaseQueries;
import org.lvs.sla.service.CaseRequests;
import org.lvs.sla.service.CaseRow;
import org.lvs.sla.service.CaseSearch;
import org.lvs.sla.service.CaseView;
import org.lvs.sla.service.CaseWorkService;
import org.lvs.sla.service.PageOf;

/** Cases: read, work (sla-policy.md, case actions), audit trail, work queues and victim search. */
@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.CASE_HANDLER, Roles.ADMIN})
public class CaseResource {

    @Inject
    CaseWorkService work;
    @Inject
    CaseQueries queries;
    @Inject
    Actors actors;
    @Inject
    CaseSearch caseSearch;

    /**
     * A work queue ({@code status}, {@code strand}) or, with any search term, a search for a victim who calls in:
     * narrow (a phone, an email, a personRef, or a full name with date of birth or postcode) and audited with the
     * stated {@code reason}.
     */
    @GET
    public PageOf<CaseRow> list(@QueryParam("status") String status, @QueryParam("strand") String strand,
            @QueryParam("q") String q, @QueryParam("firstName") String firstName,
            @QueryParam("lastName") String lastName, @QueryParam("dateOfBirth") String dateOfBirth,
            @QueryParam("postcode") String postcode, @QueryParam("phone") String phone,
            @QueryParam("email") String email, @QueryParam("personRef") String personRef,
            @QueryParam("reason") String reason, @QueryParam("page") String page, @QueryParam("size") String size) {
        CaseRequests.SearchRequest search = new CaseRequests.SearchRequest(q, firstName, lastName, dateOfBirth,
                postcode, phone, email, personRef, reason, page, size);
        if (search.isSearch()) {
            return caseSearch.search(search, actors.current());
        }
        return queries.workQueue(status, strand, page, size);
    }

    @GET
    @Path("/{referralId}")
    public CaseView get(@PathParam("referralId") String referralId) {
        return work.get(id(referralId), actors.current());
    }

    @POST
    @Path("/{referralId}/contacts")
    public CaseView contact(@PathParam("referralId") String referralId, CaseRequests.ContactRequest body) {
        return work.recordContact(id(referralId), body, actors.current());
    }

    @POST
    @Path("/{referralId}/screening")
    public CaseView screening(@PathParam("referralId") String referralId, CaseRequests.ScreeningRequest body) {
        return work.screen(id(referralId), body, actors.current());
    }

    @POST
    @Path("/{referralId}/consent")
    public CaseView consent(@PathParam("referralId") String referralId, CaseRequests.ConsentRequest body) {
        return work.consent(id(referralId), body, actors.current());
    }

    @POST
    @Path("/{referralId}/assignment")
    public CaseView assignment(@PathParam("referralId") String referralId, CaseRequests.AssignmentRequest body) {
        return work.assign(id(referralId), body, actors.current());
    }

    @POST
    @Path("/{referralId}/pathway")
    public CaseView pathway(@PathParam("referralId") String referralId, CaseRequests.PathwayRequest body) {
        return work.regrade(id(referralId), body, actors.current());
    }

    @POST
    @Path("/{referralId}/services")
    public CaseView service(@PathParam("referralId") String referralId, CaseRequests.ServiceRequest body) {
        return work.requestService(id(referralId), body, actors.current());
    }

    @POST
    @Path("/{referralId}/services/{service}/start")
    public CaseView startService(@PathParam("referralId") String referralId, @PathParam("service") String service,
            CaseRequests.AtOnly body) {
        return work.startService(id(referralId), service, body, actors.current());
    }

    @POST
    @Path("/{referralId}/outcomes")
    public CaseView outcome(@PathParam("referralId") String referralId, CaseRequests.OutcomeRequest body) {
        return work.recordOutcome(id(referralId), body, actors.current());
    }

    @POST
    @Path("/{referralId}/closure")
    public CaseView closure(@PathParam("referralId") String referralId, CaseRequests.ClosureRequest body) {
        return work.close(id(referralId), body, actors.current());
    }

    @DELETE
    @Path("/{referralId}/personal-data")
    @RolesAllowed(Roles.ADMIN)
    public CaseView erase(@PathParam("referralId") String referralId) {
        return work.erase(id(referralId), actors.current());
    }

    @GET
    @Path("/{referralId}/audit")
    public List<Map<String, Object>> audit(@PathParam("referralId") String referralId) {
        return work.audit(id(referralId));
    }

    static UUID id(String referralId) {
        try {
            return UUID.fromString(referralId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(List.of(new FieldError("referralId", "must be a UUID")));
        }
    }
}

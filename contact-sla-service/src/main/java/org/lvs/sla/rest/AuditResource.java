package org.lvs.sla.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
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
import org.lvs.commons.rest.validation.DateOrInstant;
import org.lvs.commons.rest.validation.PageNumber;
import org.lvs.commons.rest.validation.PageSize;
import org.lvs.commons.rest.validation.TimeText;
import org.lvs.commons.text.SafeText;
import org.lvs.contract.Roles;
import org.lvs.sla.persistence.AccessAudit;
import org.lvs.sla.persistence.Paging;
import org.lvs.sla.rest.dto.AccessAuditEntry;
import org.lvs.sla.rest.dto.PageOf;
import org.lvs.sla.rest.validation.FreeText;

/** The access audit for admin: who read which case and who searched for whom, when and why. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AuditResource {

    /** An actor filter is a token subject; a NUL or a huge string would only reach PostgreSQL to be refused there. */
    static final int ACTOR_MAX = 256;

    private final AccessAudit audit;

    AuditResource(AccessAudit audit) {
        this.audit = audit;
    }

    /** Entries oldest first; {@code from}/{@code to} a date (Europe/London, {@code to} inclusive) or an instant. */
    @Operation(summary = "The access audit (admin): case reads and victim searches")
    @APIResponse(responseCode = "200", description = "A page of audit entries, oldest first")
    @APIResponse(
            responseCode = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @GET
    public PageOf<AccessAuditEntry> list(
            @QueryParam("from") @DateOrInstant String from,
            @QueryParam("to") @DateOrInstant String to,
            @QueryParam("action")
                    @Pattern(
                            regexp = "\\s*(" + AccessAudit.ACTIONS + ")?\\s*",
                            message = "must be " + AccessAudit.CASE_READ + " or " + AccessAudit.CASE_SEARCH)
                    String action,
            @QueryParam("actor") @FreeText(kind = SafeText.Kind.LINE, max = ACTOR_MAX) String actor,
            @QueryParam("page") @PageNumber Integer page,
            @QueryParam("size") @PageSize(max = Paging.MAX_SIZE) Integer size) {
        return audit.list(
                TimeText.from(from), TimeText.to(to), blankToNull(action), blankToNull(actor), Paging.of(page, size));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

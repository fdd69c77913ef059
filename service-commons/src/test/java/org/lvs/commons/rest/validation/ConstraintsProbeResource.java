package org.lvs.commons.rest.validation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.concurrent.TimeUnit;
import org.lvs.contract.Roles;

/** A test-only resource whose query parameters carry the shared constraints, echoing what they read. */
@Path("/probe/constraints")
public class ConstraintsProbeResource {

    @GET
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    public String read(
            @QueryParam("at") @IsoInstant String at,
            @QueryParam("strictAt") @IsoInstant(lenient = false, message = "strict") String strictAt,
            @QueryParam("bound") @DateOrInstant String bound,
            @QueryParam("day") @IsoDate String day,
            @QueryParam("periodDay") @IsoDate(minYear = 1900, maxYear = 9998) String periodDay,
            @QueryParam("unit") @EnumName(TimeUnit.class) String unit,
            @QueryParam("page") @PageNumber Integer page,
            @QueryParam("size") @PageSize Integer size,
            @QueryParam("smallSize") @PageSize(max = 10) Integer smallSize) {
        return String.join(
                " ",
                String.valueOf(TimeText.instant(at)),
                String.valueOf(TimeText.instant(strictAt, false)),
                String.valueOf(TimeText.from(bound)),
                String.valueOf(TimeText.to(bound)),
                String.valueOf(EnumNames.parse(TimeUnit.class, unit)));
    }
}

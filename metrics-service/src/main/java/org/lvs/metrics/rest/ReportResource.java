package org.lvs.metrics.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.lvs.commons.problem.ProblemException;
import org.lvs.contract.FieldError;
import org.lvs.contract.Roles;
import org.lvs.metrics.domain.ReportingPeriod;
import org.lvs.metrics.service.PeriodService;
import org.lvs.metrics.service.QuarterlyReportService;

/** The commissioner's quarterly report: HTML (default), {@code ?format=csv} or {@code ?format=pdf}. */
@Path("/api/v1/reports")
public class ReportResource {

    @Inject
    PeriodService periods;

    @Inject
    QuarterlyReportService reports;

    @GET
    @Path("/quarterly/{period}")
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    @Produces({"text/html", "text/csv", "application/pdf"})
    public Response quarterly(@PathParam("period") String name, @QueryParam("format") String format) {
        String chosen = format == null || format.isBlank() ? "html" : format.trim().toLowerCase();
        if (!List.of("html", "csv", "pdf").contains(chosen)) {
            throw ProblemException.badRequest(List.of(new FieldError("format", "must be html, csv or pdf")));
        }
        ReportingPeriod period = periods.named(name);
        String file = "lvs-report-" + period.name();
        return switch (chosen) {
            case "csv" -> Response.ok(reports.csv(period), "text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"" + file + ".csv\"").build();
            case "pdf" -> Response.ok(reports.pdf(period), "application/pdf")
                    .header("Content-Disposition", "inline; filename=\"" + file + ".pdf\"").build();
            default -> Response.ok(reports.html(period, true), "text/html; charset=utf-8").build();
        };
    }
}

package org.lvs.metrics.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lvs.commons.problem.Problem;
import org.lvs.contract.Roles;
import org.lvs.metrics.domain.PeriodName;
import org.lvs.metrics.domain.ReportingPeriod;
import org.lvs.metrics.report.QuarterlyReportService;
import org.lvs.metrics.service.PeriodService;

/** The commissioner's quarterly report: HTML (default), {@code ?format=csv} or {@code ?format=pdf}. */
@Path("/api/v1/reports")
@Tag(name = "Reports", description = "The commissioner's quarterly summary report")
public class ReportResource {

    private static final String PROBLEM = MetricsResource.PROBLEM;

    /** The report's formats, in any case; none (or blank) is html. */
    static final String FORMATS = "(?i)\\s*(html|csv|pdf)?\\s*";

    private final PeriodService periods;
    private final QuarterlyReportService reports;

    ReportResource(PeriodService periods, QuarterlyReportService reports) {
        this.periods = periods;
        this.reports = reports;
    }

    @GET
    @Path("/quarterly/{period}")
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    @Produces({"text/html", "text/csv", "application/pdf"})
    @Operation(
            summary = "The quarterly report",
            description = "The period in the shape of the seed report: HTML with charts (default), every figure as "
                    + "section,figure,value (format=csv), or a printable PDF (format=pdf).")
    @SecurityRequirement(name = MetricsResource.BEARER)
    @APIResponse(
            responseCode = "200",
            description = "The report in the chosen format",
            content = {
                @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING)),
                @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
                @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary"))
            })
    @APIResponse(
            responseCode = "400",
            description = "A malformed period or an unknown format, naming the field",
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
    public Response quarterly(
            @Parameter(description = "A quarter (2017-18-Q2) or a financial year (2017-18)")
                    @PathParam("period")
                    @Pattern(regexp = PeriodName.PATTERN, message = MetricsResource.PERIOD_SHAPE)
                    String period,
            @Parameter(description = "html (default), csv or pdf")
                    @QueryParam("format")
                    @Pattern(regexp = FORMATS, message = "must be html, csv or pdf")
                    String format) {
        String chosen =
                format == null || format.isBlank() ? "html" : format.trim().toLowerCase(Locale.ROOT);
        ReportingPeriod named = periods.named(period);
        String file = "lvs-report-" + named.name();
        return switch (chosen) {
            case "csv" ->
                Response.ok(reports.csv(named), "text/csv; charset=utf-8")
                        .header("Content-Disposition", "attachment; filename=\"" + file + ".csv\"")
                        .build();
            case "pdf" ->
                Response.ok(reports.pdf(named), "application/pdf")
                        .header("Content-Disposition", "inline; filename=\"" + file + ".pdf\"")
                        .build();
            default ->
                Response.ok(reports.html(named, true), "text/html; charset=utf-8")
                        .build();
        };
    }
}

package org.lvs.ingest.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lvs.commons.problem.ProblemException;
import org.lvs.contract.FieldError;
import org.lvs.ingest.config.IngestConfig;
import org.lvs.ingest.rest.dto.ReferralReceipt;
import org.lvs.ingest.service.RecordResult;
import org.lvs.ingest.service.SelfReferralService;

/**
 * The public self-referral form and its endpoint: no token; rate-limited per client address before the body is read
 * ({@link SelfReferralLimitFilter}); every HTML answer carries the security headers of {@link SecurityHeaders}.
 */
@Path("/")
@Tag(
        name = "Self-referral",
        description = "A victim's own referral: the public form and its endpoint (no token, rate-limited)")
@SecurityRequirements // public: no token needed (security: [] on each operation)
@PermitAll
public class SelfReferralResource {

    static final String HTML = "text/html;charset=UTF-8";
    static final String KEY_DESCRIPTION = "Makes a re-sent self-referral answer with the first one's referralId and "
            + "status instead of making a second referral (kept 24 h); the same key with another body is a 409. "
            + "1 to 128 characters of A-Z a-z 0-9 . _ : -";

    private final SelfReferralService service;
    private final IngestConfig config;

    SelfReferralResource(SelfReferralService service, IngestConfig config) {
        this.service = service;
        this.config = config;
    }

    @GET
    @Path("self-referral")
    @Produces(HTML)
    @Operation(summary = "The public self-referral form (plain HTML, works without JavaScript)")
    @APIResponse(
            responseCode = "200",
            description = "The form, with a fresh Idempotency-Key in a hidden field",
            content = @Content(mediaType = HTML))
    @APIResponse(
            responseCode = "406",
            description = "The client accepts no HTML",
            content = @Content(mediaType = ReferralResource.PROBLEM))
    public String form() {
        return SelfReferralPage.form(config.areas(), Map.of(), List.of());
    }

    @POST
    @Path("api/v1/self-referrals")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(HTML)
    @Operation(summary = "A self-referral from the HTML form", description = "Answers an HTML confirmation page.")
    @APIResponse(
            responseCode = "202",
            description = "Received (or a re-sent form answered with the first referral); " + "the confirmation page",
            content = @Content(mediaType = HTML))
    @APIResponse(
            responseCode = "400",
            description =
                    "The form again, with every problem listed (a body that is no " + "form in UTF-8: problem+json)",
            content = @Content(mediaType = HTML))
    @APIResponse(
            responseCode = "409",
            description = "This form was already sent with other answers",
            content = @Content(mediaType = HTML))
    @APIResponse(
            responseCode = "413",
            description = "Body over 1 MiB",
            content = @Content(mediaType = ReferralResource.PROBLEM))
    @APIResponse(
            responseCode = "429",
            description = "Too many self-referrals from this address; see Retry-After",
            content =
                    @Content(
                            mediaType = ReferralResource.PROBLEM,
                            examples = @ExampleObject(name = "tooMany", value = ApiExamples.TOO_MANY)))
    @APIResponse(
            responseCode = "503",
            description = "Broker or database unavailable; send the form again after "
                    + "Retry-After seconds (the hidden key makes that safe)",
            content =
                    @Content(
                            mediaType = ReferralResource.PROBLEM,
                            examples = @ExampleObject(name = "unavailable", value = ApiExamples.UNAVAILABLE)))
    public Response fromForm(
            InputStream body,
            @Context HttpHeaders headers,
            @Parameter(in = ParameterIn.HEADER, description = KEY_DESCRIPTION)
                    @HeaderParam(SelfReferralService.IDEMPOTENCY_HEADER)
                    String idempotencyKey) {
        MediaType type = headers.getMediaType();
        Map<String, String> posted = service.readForm(
                body, type == null ? null : type.getParameters().get("charset"));
        try {
            RecordResult result = service.submitForm(posted, idempotencyKey);
            return Response.status(202)
                    .type(HTML)
                    .entity(SelfReferralPage.confirmation(result.referralId()))
                    .build();
        } catch (ProblemException e) {
            List<FieldError> errors = e.toProblem().errors();
            if (e.status() == 400 && errors != null) {
                return Response.status(400)
                        .type(HTML)
                        .entity(SelfReferralPage.form(config.areas(), SelfReferralService.formFields(posted), errors))
                        .build();
            }
            if (e.status() == 409) {
                return Response.status(409)
                        .type(HTML)
                        .entity(SelfReferralPage.message(
                                "This form was already sent",
                                "We already have a referral from this form with different answers. To tell us something "
                                        + "else, please fill in a new form."))
                        .build();
            }
            throw e;
        }
    }

    @POST
    @Path("api/v1/self-referrals")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "A self-referral as JSON",
            description = "The form's flat fields (firstName, lastName, dateOfBirth or age, gender, phone, email, "
                    + "addressLine1, addressLine2, town, postcode, preferredContact, area, crimeCategory, description, "
                    + "howHeard, howHeardDetail) or the referral's own shape. source is SELF, the sourceReference is "
                    + "generated and consent is EXPLICIT by submitting. Fields only a professional may state (riskLevel, "
                    + "safeguarding, vulnerabilities, victim.personRef, recordedAt, receivedAt, feedSequence, source, "
                    + "sourceReference, version) are a 400 naming each.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.OBJECT),
                            examples =
                                    @ExampleObject(
                                            name = "self",
                                            value =
                                                    "{\"firstName\":\"Zoë\",\"lastName\":\"Example\",\"phone\":\"07700 900123\",\"preferredContact\":\"PHONE\","
                                                            + "\"age\":34,\"area\":\"EAST\",\"crimeCategory\":\"STALKING_HARASSMENT\",\"howHeard\":\"WEBSITE\"}")))
    @APIResponse(
            responseCode = "202",
            description = "Received (or, for a known Idempotency-Key, the first answer again)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ReferralReceipt.class),
                            examples = @ExampleObject(name = "accepted", value = ApiExamples.ACCEPTED)))
    @APIResponse(
            responseCode = "400",
            description = "Not JSON, bad fields, or fields only a professional may state: " + "every one named",
            content =
                    @Content(
                            mediaType = ReferralResource.PROBLEM,
                            examples = @ExampleObject(name = "invalid", value = ApiExamples.INVALID)))
    @APIResponse(
            responseCode = "409",
            description = "The Idempotency-Key was used with another body",
            content = @Content(mediaType = ReferralResource.PROBLEM))
    @APIResponse(
            responseCode = "413",
            description = "Body over 1 MiB",
            content =
                    @Content(
                            mediaType = ReferralResource.PROBLEM,
                            examples = @ExampleObject(name = "tooLarge", value = ApiExamples.TOO_LARGE)))
    @APIResponse(
            responseCode = "415",
            description = "Neither application/json nor a form post",
            content = @Content(mediaType = ReferralResource.PROBLEM))
    @APIResponse(
            responseCode = "429",
            description = "Too many self-referrals from this address; see Retry-After",
            content =
                    @Content(
                            mediaType = ReferralResource.PROBLEM,
                            examples = @ExampleObject(name = "tooMany", value = ApiExamples.TOO_MANY)))
    @APIResponse(
            responseCode = "503",
            description = "Broker or database unavailable; retry the same request (with "
                    + "the same Idempotency-Key) after Retry-After seconds",
            content =
                    @Content(
                            mediaType = ReferralResource.PROBLEM,
                            examples = @ExampleObject(name = "unavailable", value = ApiExamples.UNAVAILABLE)))
    public Response fromJson(
            InputStream body,
            @Parameter(in = ParameterIn.HEADER, description = KEY_DESCRIPTION)
                    @HeaderParam(SelfReferralService.IDEMPOTENCY_HEADER)
                    String idempotencyKey) {
        RecordResult result = service.submitJson(body, idempotencyKey);
        return Response.status(202).entity(ReferralReceipt.of(result)).build();
    }
}

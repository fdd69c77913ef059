package org.lvs.ingest.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lvs.commons.problem.ProblemException;
import org.lvs.contract.event.EventJson;
import org.lvs.ingest.config.IngestConfig;
import org.lvs.ingest.service.LimitedInputStream;
import org.lvs.ingest.service.RecordResult;
import org.lvs.ingest.service.ReferralReceipt;
import org.lvs.ingest.service.SelfReferralService;

/** The public self-referral form and its endpoint: no token, rate-limited per client address. */
@Path("/")
@Tag(name = "Self-referral")
@PermitAll
public class SelfReferralResource {

    static final String HTML = "text/html;charset=UTF-8";

    @Inject
    SelfReferralService service;
    @Inject
    IngestConfig config;

    @GET
    @Path("self-referral")
    @Produces(HTML)
    @Operation(summary = "The public self-referral form (plain HTML, works without JavaScript)")
    public String form() {
        return SelfReferralPage.form(config.areas(), Map.of(), List.of());
    }

    @POST
    @Path("api/v1/self-referrals")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(HTML)
    @Operation(summary = "A self-referral from the HTML form", description = "Answers an HTML confirmation page.")
    @APIResponse(responseCode = "202", description = "Received; the confirmation page")
    @APIResponse(responseCode = "400", description = "The form again, with every problem listed")
    @APIResponse(responseCode = "429", description = "Too many self-referrals from this address", content = @Content(
            mediaType = ReferralResource.PROBLEM, examples = @ExampleObject(name = "tooMany", value = ApiExamples.TOO_MANY)))
    public Response fromForm(MultivaluedMap<String, String> form, @Context HttpServerRequest request) {
        Map<String, String> fields = new HashMap<>();
        for (String name : SelfReferralService.FIELDS) {
            String value = form.getFirst(name);
            if (value != null) {
                fields.put(name, value);
            }
        }
        try {
            RecordResult result = service.submit(client(request), fields);
            return Response.status(202).type(HTML).entity(SelfReferralPage.confirmation(result.referralId())).build();
        } catch (ProblemException e) {
            if (e.status() == 400) {
                var errors = e.toProblem().errors();
                return Response.status(400).type(HTML)
                        .entity(SelfReferralPage.form(config.areas(), fields, errors == null ? List.of() : errors))
                        .build();
            }
            throw e;
        }
    }

    @POST
    @Path("api/v1/self-referrals")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A self-referral as JSON",
            description = "The form's flat fields (firstName, lastName, dateOfBirth or age, gender, phone, email, "
                    + "addressLine1, addressLine2, town, postcode, preferredContact, area, crimeCategory, description, "
                    + "howHeard, howHeardDetail) or the referral's own shape. source is SELF, the sourceReference is "
                    + "generated and consent is EXPLICIT by submitting.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "self",
            value = "{\"firstName\":\"Zoë\",\"lastName\":\"Example\",\"phone\":\"07700 900123\",\"preferredContact\":\"PHONE\","
                    + "\"age\":34,\"area\":\"EAST\",\"crimeCategory\":\"STALKING_HARASSMENT\",\"howHeard\":\"WEBSITE\"}")))
    @APIResponse(responseCode = "202", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ReferralReceipt.class),
            examples = @ExampleObject(name = "accepted", value = ApiExamples.ACCEPTED)))
    @APIResponse(responseCode = "400", content = @Content(mediaType = ReferralResource.PROBLEM,
            examples = @ExampleObject(name = "invalid", value = ApiExamples.INVALID)))
    @APIResponse(responseCode = "429", description = "Too many self-referrals from this address; see Retry-After",
            content = @Content(mediaType = ReferralResource.PROBLEM, examples = @ExampleObject(name = "tooMany", value = ApiExamples.TOO_MANY)))
    @APIResponse(responseCode = "503", content = @Content(mediaType = ReferralResource.PROBLEM,
            examples = @ExampleObject(name = "unavailable", value = ApiExamples.UNAVAILABLE)))
    public Response fromJson(InputStream body, @Context HttpServerRequest request) {
        JsonNode tree;
        try {
            tree = EventJson.mapper().readTree(new LimitedInputStream(body, config.maxSingleBytes()));
        } catch (org.lvs.ingest.service.BodyTooLargeException e) {
            throw ProblemException.payloadTooLarge("the body is larger than " + config.maxSingleBytes() + " bytes");
        } catch (IOException e) {
            throw ProblemException.badRequest("the body is not valid JSON");
        }
        RecordResult result = service.submitJson(client(request), tree);
        return Response.status(202).entity(ReferralReceipt.of(result)).build();
    }

    private static String client(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}

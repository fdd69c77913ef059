package org.lvs.commons.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.lvs.commons.failure.Failure;
import org.lvs.commons.failure.FailureKind;
import org.lvs.commons.failure.Failures;
import org.lvs.contract.FieldError;

/** Turns the framework's own errors into problem+json, without echoing input values (they may be personal). */
public final class HttpProblemMappers {

    private static final Logger LOG = Logger.getLogger(HttpProblemMappers.class);

    private HttpProblemMappers() {}

    @Provider
    public static class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            if (e.getResponse() != null && e.getResponse().getEntity() instanceof Problem) {
                return e.getResponse(); // already a problem, e.g. a malformed UUID parameter named by its converter
            }
            int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
            Response.Status known = Response.Status.fromStatusCode(status);
            String title = known == null ? "Error" : known.getReasonPhrase();
            String detail = switch (status) {
                case 404 -> "No such resource.";
                case 405 -> "This method is not allowed here.";
                case 406 -> "No acceptable representation.";
                case 415 -> "This content type is not supported here.";
                default -> title + ".";
            };
            return ProblemResponses.of(status, title, detail);
        }
    }

    /** Unreadable or mistyped JSON bound by Jackson: name the field, never its value. */
    @Provider
    public static class UnreadableJson implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            return badJson(e);
        }
    }

    @Provider
    public static class MismatchedJson implements ExceptionMapper<MismatchedInputException> {
        @Override
        public Response toResponse(MismatchedInputException e) {
            return badJson(e);
        }
    }

    @Provider
    public static class InvalidJsonFormat implements ExceptionMapper<InvalidFormatException> {
        @Override
        public Response toResponse(InvalidFormatException e) {
            return badJson(e);
        }
    }

    static Response badJson(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            String expected = mismatch.getTargetType() == null
                    ? "another value"
                    : mismatch.getTargetType().isEnum()
                            ? "one of " + List.of(mismatch.getTargetType().getEnumConstants())
                            : "a " + mismatch.getTargetType().getSimpleName();
            return ProblemResponses.of(
                    400,
                    "Invalid input",
                    "1 field is invalid",
                    List.of(new FieldError(field, "must be " + expected)),
                    null);
        }
        return ProblemResponses.of(400, "Invalid input", "The body is not valid JSON.");
    }

    /**
     * Anything unexpected: a 503 with {@code Retry-After} when it is a transient failure (the database or the broker
     * away, a timeout: the caller may retry), else a 500 that reveals nothing. The log names the exception types and
     * where, never the data.
     */
    @Provider
    public static class Unexpected implements ExceptionMapper<Exception> {
        @Override
        public Response toResponse(Exception e) {
            if (e instanceof WebApplicationException wae) {
                return new WebApplication().toResponse(wae);
            }
            if (e instanceof ProblemException problem) {
                return ProblemResponses.of(problem);
            }
            Failure failure = Failures.classify(e);
            if (failure.kind() == FailureKind.TRANSIENT) {
                LOG.warnf("answering 503: %s", failure.reason());
                return ProblemResponses.of(
                        503,
                        "Service unavailable",
                        "A service this request needs is unavailable for a moment; retry shortly.",
                        null,
                        5);
            }
            StackTraceElement where = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
            LOG.errorf("unexpected %s at %s", e.getClass().getName(), where);
            return ProblemResponses.of(500, "Internal error", "Something went wrong on our side; it has been logged.");
        }
    }
}

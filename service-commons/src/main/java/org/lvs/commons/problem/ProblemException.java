package org.lvs.commons.problem;

import java.util.List;
import org.lvs.contract.FieldError;

/**
 * Thrown by resources and services to answer with a problem+json error; {@link ProblemExceptionMapper} renders it.
 * Messages must never contain personal data: they reach the caller and may reach a log.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldError> errors;
    private final Integer retryAfterSeconds;

    public ProblemException(
            int status, String title, String detail, List<FieldError> errors, Integer retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ProblemException badRequest(List<FieldError> errors) {
        return new ProblemException(
                400,
                "Invalid input",
                errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid",
                List.copyOf(errors),
                null);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad request", detail, null, null);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not found", detail, null, null);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, null, null);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail, null, null);
    }

    public static ProblemException payloadTooLarge(String detail) {
        return new ProblemException(413, "Payload too large", detail, null, null);
    }

    public static ProblemException unsupportedMediaType(String detail) {
        return new ProblemException(415, "Unsupported media type", detail, null, null);
    }

    public static ProblemException tooManyRequests(String detail, int retryAfterSeconds) {
        return new ProblemException(429, "Too many requests", detail, null, retryAfterSeconds);
    }

    public static ProblemException unavailable(String detail, int retryAfterSeconds) {
        return new ProblemException(503, "Service unavailable", detail, null, retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public Problem toProblem() {
        return new Problem(ProblemResponses.typeFor(status), title, status, getMessage(), errors);
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}

package org.lvs.commons.problem;

import jakarta.ws.rs.core.Response;
import java.util.List;
import org.lvs.contract.FieldError;

/** Builds problem+json responses. */
public final class ProblemResponses {

    private static final String TYPE_BASE = "https://lvs.local/problems/";

    private ProblemResponses() {}

    static String typeFor(int status) {
        return switch (status) {
            case 400 -> TYPE_BASE + "invalid-input";
            case 401 -> TYPE_BASE + "unauthenticated";
            case 403 -> TYPE_BASE + "forbidden";
            case 404 -> TYPE_BASE + "not-found";
            case 405 -> TYPE_BASE + "method-not-allowed";
            case 409 -> TYPE_BASE + "conflict";
            case 413 -> TYPE_BASE + "payload-too-large";
            case 415 -> TYPE_BASE + "unsupported-media-type";
            case 429 -> TYPE_BASE + "too-many-requests";
            case 503 -> TYPE_BASE + "unavailable";
            default -> "about:blank";
        };
    }

    public static Response of(int status, String title, String detail) {
        return of(status, title, detail, null, null);
    }

    public static Response of(
            int status, String title, String detail, List<FieldError> errors, Integer retryAfterSeconds) {
        Response.ResponseBuilder builder = Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(typeFor(status), title, status, detail, errors));
        if (retryAfterSeconds != null) {
            builder.header("Retry-After", retryAfterSeconds);
        }
        if (status == 401) {
            builder.header("WWW-Authenticate", "Bearer");
        }
        return builder.build();
    }

    public static Response of(ProblemException e) {
        return of(
                e.status(), e.toProblem().title(), e.getMessage(), e.toProblem().errors(), e.retryAfterSeconds());
    }
}

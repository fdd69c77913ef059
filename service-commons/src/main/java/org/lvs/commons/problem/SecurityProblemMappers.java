package org.lvs.commons.problem;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 401 without a valid token, 403 with the wrong role: as problem+json like every other error. */
public final class SecurityProblemMappers {
    private SecurityProblemMappers() {}

    @Provider
    public static class Unauthorized implements ExceptionMapper<UnauthorizedException> {
        @Override
        public Response toResponse(UnauthorizedException e) {
            return ProblemResponses.of(401, "Unauthorized", "A valid bearer token is required.");
        }
    }

    @Provider
    public static class AuthenticationFailed implements ExceptionMapper<AuthenticationFailedException> {
        @Override
        public Response toResponse(AuthenticationFailedException e) {
            return ProblemResponses.of(401, "Unauthorized", "The bearer token is missing, invalid or expired.");
        }
    }

    @Provider
    public static class Forbidden implements ExceptionMapper<ForbiddenException> {
        @Override
        public Response toResponse(ForbiddenException e) {
            return ProblemResponses.of(403, "Forbidden", "Your role does not allow this.");
        }
    }
}

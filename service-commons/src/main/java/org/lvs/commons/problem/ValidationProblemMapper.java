package org.lvs.commons.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.lvs.contract.FieldError;

/**
 * Bean Validation failures as one 400 problem+json naming every bad field (interfaces.md: {@code errors: [{field,
 * message}]}), never the rejected values. A query or path parameter is named as in the URL (compile with
 * {@code -parameters} and name the Java parameter like the URL parameter); a field of a request body by its path
 * inside the body ({@code victim.firstName}, {@code referrals[3].version}). A violated return value is our bug: 500.
 */
@Provider
public class ValidationProblemMapper implements ExceptionMapper<ConstraintViolationException> {

    private static final Logger LOG = Logger.getLogger(ValidationProblemMapper.class);

    @Override
    public Response toResponse(ConstraintViolationException e) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            if (isReturnValue(violation.getPropertyPath())) {
                LOG.errorf("a response broke its own constraints at %s", violation.getPropertyPath());
                return ProblemResponses.of(
                        500, "Internal error", "Something went wrong on our side; it has been logged.");
            }
            errors.add(new FieldError(fieldName(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        return ProblemResponses.of(ProblemException.badRequest(errors));
    }

    private static boolean isReturnValue(Path path) {
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code method.parameter} → {@code parameter}; {@code method.body.victim.firstName} → {@code victim.firstName};
     * list elements as {@code [i]}.
     */
    static String fieldName(Path path) {
        List<String> parts = new ArrayList<>();
        boolean parameterSeen = false;
        String parameter = null;
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR -> {
                    // the resource method's name says nothing to the caller
                }
                case PARAMETER -> {
                    parameterSeen = true;
                    parameter = node.getName();
                }
                default -> {
                    // a container element (a list's item) is named "<list element>": only its index says which
                    String name = node.getKind() == ElementKind.CONTAINER_ELEMENT ? null : node.getName();
                    String index = node.getIndex() != null
                            ? "[" + node.getIndex() + "]"
                            : node.getKey() != null ? "[" + node.getKey() + "]" : "";
                    if (name != null) {
                        parts.add(name + index);
                    } else if (!index.isEmpty() && !parts.isEmpty()) {
                        parts.set(parts.size() - 1, parts.get(parts.size() - 1) + index);
                    } else if (!index.isEmpty()) {
                        parts.add(index);
                    }
                }
            }
        }
        if (parts.isEmpty()) {
            return parameterSeen && parameter != null ? parameter : path.toString();
        }
        return String.join(".", parts).replace(".[", "[");
    }
}

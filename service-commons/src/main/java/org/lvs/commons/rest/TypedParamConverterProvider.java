package org.lvs.commons.rest;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import org.lvs.commons.problem.ProblemException;
import org.lvs.commons.problem.ProblemResponses;
import org.lvs.contract.FieldError;

/**
 * Lets resources take {@code UUID}, {@code Instant}, {@code LocalDate}, {@code Integer}, {@code Long} and
 * {@code Boolean} path and query parameters and still answer a malformed one as a 400 problem+json naming the parameter ("referralId: must be a UUID"), which is what the
 * contract's answer table gives for a wrong type. Left to JAX-RS, a malformed path or query parameter is a bare 404.
 * Conversion stops at the first malformed parameter, so that one is named alone; Bean Validation constraints on
 * well-formed values (ranges, sizes) are all named together by {@code ValidationProblemMapper}.
 *
 * <p>One rule for every type: an empty or blank query (header, form, cookie) parameter is absent, so the resource's
 * default applies ({@code ?size=}, {@code ?after=}); a path parameter is never absent, so a blank one is malformed
 * ({@code /cases/%20} is a 400, not a null id).
 */
@Provider
public class TypedParamConverterProvider implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = parameterName(annotations);
        boolean path = isPathParameter(annotations);
        if (rawType == UUID.class) {
            return (ParamConverter<T>)
                    new Parsed<>(name, path, "must be a UUID", TypedParamConverterProvider::canonicalUuid);
        } else if (rawType == Instant.class) {
            return (ParamConverter<T>)
                    new Parsed<>(name, path, "must be an ISO-8601 instant, e.g. 2017-07-01T00:00:00Z", Instant::parse);
        } else if (rawType == LocalDate.class) {
            return (ParamConverter<T>) new Parsed<>(name, path, "must be a date (yyyy-mm-dd)", LocalDate::parse);
        } else if (rawType == Integer.class) {
            return (ParamConverter<T>)
                    new Parsed<>(name, path, "must be a whole number", v -> Integer.valueOf(v.trim()));
        } else if (rawType == Long.class) {
            return (ParamConverter<T>) new Parsed<>(name, path, "must be a whole number", v -> Long.valueOf(v.trim()));
        } else if (rawType == Boolean.class) {
            return (ParamConverter<T>)
                    new Parsed<>(name, path, "must be true or false", TypedParamConverterProvider::bool);
        }
        return null;
    }

    /** UUID.fromString accepts shortened groups ("1-1-1-1-1"): only the canonical 36-character form is an id. */
    private static UUID canonicalUuid(String value) {
        if (value.length() != 36) {
            throw new IllegalArgumentException("not a canonical UUID");
        }
        return UUID.fromString(value);
    }

    private static Boolean bool(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    static WebApplicationException malformed(String name, String message) {
        return new WebApplicationException(
                ProblemResponses.of(ProblemException.badRequest(List.of(new FieldError(name, message)))));
    }

    private static boolean isPathParameter(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof PathParam) {
                return true;
            }
        }
        return false;
    }

    private static String parameterName(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof PathParam p) {
                return p.value();
            } else if (annotation instanceof QueryParam q) {
                return q.value();
            } else if (annotation instanceof HeaderParam h) {
                return h.value();
            } else if (annotation instanceof FormParam f) {
                return f.value();
            } else if (annotation instanceof CookieParam c) {
                return c.value();
            }
        }
        return "id";
    }

    private record Parsed<T>(String name, boolean path, String message, Function<String, T> parse)
            implements ParamConverter<T> {

        @Override
        public T fromString(String value) {
            if (value == null) {
                return null; // absent: the resource's default
            }
            if (value.isBlank()) {
                if (path) {
                    throw malformed(name, message); // a path segment is never absent
                }
                return null; // empty: the resource's default
            }
            try {
                return parse.apply(value);
            } catch (DateTimeException | IllegalArgumentException e) { // NumberFormatException is one
                throw malformed(name, message);
            }
        }

        @Override
        public String toString(T value) {
            return value.toString();
        }
    }
}

package org.lvs.sla.rest;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Locale;
import org.lvs.commons.problem.ProblemException;
import org.lvs.commons.problem.ProblemResponses;
import org.lvs.contract.FieldError;

/**
 * Lets resources take {@code Integer} and {@code Boolean} query parameters (paging, {@code withinHours},
 * {@code open}) as the commons {@code TypedParamConverterProvider} does for UUIDs and dates: a malformed one answers
 * 400 problem+json naming the parameter, where JAX-RS would answer a bare 404. Absent or blank is null (the resource's
 * default); ranges are Bean Validation's ({@code @Min}, {@code @Max}). A candidate for service-commons.
 */
@Provider
public class IntegerAndBooleanParams implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = parameterName(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == Integer.class) {
            return (ParamConverter<T>) new WholeNumber(name);
        } else if (rawType == Boolean.class) {
            return (ParamConverter<T>) new TrueOrFalse(name);
        }
        return null;
    }

    private static String parameterName(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam q) {
                return q.value();
            } else if (annotation instanceof PathParam p) {
                return p.value();
            }
        }
        return null;
    }

    private static WebApplicationException malformed(String name, String message) {
        return new WebApplicationException(
                ProblemResponses.of(ProblemException.badRequest(List.of(new FieldError(name, message)))));
    }

    private record WholeNumber(String name) implements ParamConverter<Integer> {

        @Override
        public Integer fromString(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return Integer.valueOf(value.trim());
            } catch (NumberFormatException e) {
                throw malformed(name, "must be a whole number");
            }
        }

        @Override
        public String toString(Integer value) {
            return value.toString();
        }
    }

    private record TrueOrFalse(String name) implements ParamConverter<Boolean> {

        @Override
        public Boolean fromString(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw malformed(name, "must be true or false");
            };
        }

        @Override
        public String toString(Boolean value) {
            return value.toString();
        }
    }
}

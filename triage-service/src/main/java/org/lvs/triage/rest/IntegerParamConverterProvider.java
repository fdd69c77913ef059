package org.lvs.triage.rest;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;
import java.util.function.Function;
import org.lvs.commons.problem.ProblemException;
import org.lvs.commons.problem.ProblemResponses;
import org.lvs.contract.FieldError;

/**
 * {@code Long} and {@code Integer} query parameters whose malformed value answers 400 problem+json naming the
 * parameter, as the commons {@code TypedParamConverterProvider} does for {@code UUID} and {@code Instant}: left to
 * JAX-RS, a query parameter that does not convert is a bare 404. A blank value counts as absent. Ranges are Bean
 * Validation's ({@code @Min}/{@code @Max}), named together with every other bad parameter.
 */
@Provider
public class IntegerParamConverterProvider implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = queryParamName(annotations);
        if (name == null) {
            return null;
        } else if (rawType == Long.class) {
            return (ParamConverter<T>) new Whole<>(name, Long::valueOf);
        } else if (rawType == Integer.class) {
            return (ParamConverter<T>) new Whole<>(name, Integer::valueOf);
        }
        return null;
    }

    private static String queryParamName(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam q) {
                return q.value();
            }
        }
        return null;
    }

    private record Whole<T>(String name, Function<String, T> parse) implements ParamConverter<T> {

        @Override
        public T fromString(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return parse.apply(value.trim());
            } catch (NumberFormatException e) {
                throw new WebApplicationException(ProblemResponses.of(
                        ProblemException.badRequest(List.of(new FieldError(name, "must be an integer")))));
            }
        }

        @Override
        public String toString(T value) {
            return value.toString();
        }
    }
}

package org.lvs.sla.service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lvs.commons.problem.ProblemException;
import org.lvs.contract.FieldError;

/** Collects every bad field of a request, so one 400 names them all. */
final class Fields {

    private final List<FieldError> errors = new ArrayList<>();

    void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    <E extends Enum<E>> E requiredEnum(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            error(field, "is required");
            return null;
        }
        return optionalEnum(field, value, type);
    }

    <E extends Enum<E>> E optionalEnum(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            error(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }

    /** Free text (tab and line breaks allowed) of at most {@code max} characters that every consumer can hold. */
    String text(String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                error(field, "is required");
            }
            return null;
        }
        String problem = org.lvs.commons.text.SafeText.problem(value, org.lvs.commons.text.SafeText.Kind.FREE_TEXT,
                max);
        if (problem != null) {
            error(field, problem);
            return null;
        }
        return value;
    }

    /**
     * A worker's or handler's id (a token subject or a staff id such as {@code isva-01}), never a free-text name: it
     * travels on cases.events, which keep no personal data.
     */
    String workerId(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                error(field, "is required");
            }
            return null;
        }
        String id = value.trim();
        if (!WORKER_ID.matcher(id).matches()) {
            error(field, "must be a worker id (1 to 100 letters, digits, '.', '_', ':' or '-', no spaces), not a name");
            return null;
        }
        return id;
    }

    private static final java.util.regex.Pattern WORKER_ID =
            java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

    static Instant parseInstant(String value) {
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(value.trim()).toInstant();
        }
    }

    Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parseInstant(value);
        } catch (DateTimeParseException e) {
            error(field, "must be an ISO-8601 instant such as 2017-06-05T10:00:00Z");
            return null;
        }
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    boolean hasError(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    List<FieldError> errors() {
        return List.copyOf(errors);
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(List.copyOf(errors));
        }
    }
}

package org.lvs.triage.rest.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * An ISO-8601 date-time with offset ({@code 2017-08-01T00:00:00Z}, {@code 2017-08-01T01:00:00+01:00}); blank counts
 * as absent. A query parameter checked this way, rather than typed {@code Instant}, is named in the same 400 as every
 * other bad parameter: a converter that fails stops the request before Bean Validation names the rest.
 */
@Target({FIELD, PARAMETER})
@Retention(RUNTIME)
@Constraint(validatedBy = IsoInstant.Validator.class)
public @interface IsoInstant {

    String message() default "must be an ISO-8601 instant with offset, e.g. 2017-08-01T00:00:00Z";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<IsoInstant, String> {

        /** The instant a valid value names; null for an absent or blank one. */
        public static Instant parse(String value) {
            return value == null || value.isBlank()
                    ? null
                    : OffsetDateTime.parse(value.trim()).toInstant();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            try {
                parse(value);
                return true;
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    }
}

package org.lvs.commons.rest.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.DateTimeException;

/**
 * An ISO-8601 instant, in UTC ({@code Z}) or with an offset; absent or blank is valid. Read it with
 * {@link TimeText#instant(String, boolean)}, with the same {@code lenient}. A parameter checked this way, rather than
 * typed {@code Instant}, is named in the same 400 as every other bad parameter: a converter that fails stops the
 * request before Bean Validation names the rest.
 */
@Target({FIELD, PARAMETER, RECORD_COMPONENT})
@Retention(RUNTIME)
@Constraint(validatedBy = IsoInstant.Validator.class)
public @interface IsoInstant {

    String message() default "must be an ISO-8601 instant such as 2017-06-05T10:00:00Z";

    /**
     * Also accept a leap second ({@code 23:59:60}, read as {@code 23:59:59}) and {@code 24:00:00} (the next day's
     * midnight), as {@code Instant.parse} does; false accepts only what {@code OffsetDateTime.parse} reads.
     */
    boolean lenient() default true;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Valid when {@link TimeText#instant(String, boolean)} reads it. */
    class Validator implements ConstraintValidator<IsoInstant, String> {

        private boolean lenient = true;

        @Override
        public void initialize(IsoInstant annotation) {
            lenient = annotation.lenient();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            try {
                TimeText.instant(value, lenient);
                return true;
            } catch (DateTimeException e) {
                return false;
            }
        }
    }
}

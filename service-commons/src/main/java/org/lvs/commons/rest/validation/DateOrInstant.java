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
 * A list's time bound ({@code from}, {@code to}): a date, taken in Europe/London, or an instant (read leniently, as
 * {@link IsoInstant}'s default); absent or blank is valid. Text, because either form is accepted; read it with
 * {@link TimeText#from} and {@link TimeText#to}.
 */
@Target({FIELD, PARAMETER, RECORD_COMPONENT})
@Retention(RUNTIME)
@Constraint(validatedBy = DateOrInstant.Validator.class)
public @interface DateOrInstant {

    String message() default "must be a date (2017-06-30) or an instant";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Valid when it reads as a date or an instant. */
    class Validator implements ConstraintValidator<DateOrInstant, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            try {
                TimeText.from(value);
                return true;
            } catch (DateTimeException e) {
                return false;
            }
        }
    }
}

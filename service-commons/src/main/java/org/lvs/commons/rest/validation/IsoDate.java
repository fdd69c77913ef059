package org.lvs.commons.rest.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * A calendar day written as an ISO date ({@code 2017-07-01}), in a year from {@code minYear} to {@code maxYear}
 * (otherwise "year out of range"); an absent (null or blank) one is valid. A constraint rather than a typed
 * {@code LocalDate} parameter, so that {@code from} and {@code to} are named together when both are malformed (a
 * parameter converter stops at the first).
 */
@Documented
@Constraint(validatedBy = IsoDate.Validator.class)
@Target({PARAMETER, FIELD})
@Retention(RUNTIME)
public @interface IsoDate {

    String YEAR_OUT_OF_RANGE = "year out of range";

    String message() default "must be an ISO date, e.g. 2017-07-01";

    /** The first year a valid date may fall in. */
    int minYear() default Integer.MIN_VALUE;

    /** The last year a valid date may fall in. */
    int maxYear() default Integer.MAX_VALUE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** A parseable ISO date, in a year from {@code minYear} to {@code maxYear}. */
    class Validator implements ConstraintValidator<IsoDate, String> {

        private int minYear;
        private int maxYear;

        /** Any year, until {@link #initialize} takes the annotation's. */
        public Validator() {
            this(Integer.MIN_VALUE, Integer.MAX_VALUE);
        }

        /** Outside Bean Validation: dates in the years {@code minYear} to {@code maxYear}. */
        public Validator(int minYear, int maxYear) {
            this.minYear = minYear;
            this.maxYear = maxYear;
        }

        @Override
        public void initialize(IsoDate annotation) {
            minYear = annotation.minYear();
            maxYear = annotation.maxYear();
        }

        /** {@code context} may be null outside Bean Validation: the default message then stands for both. */
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || value.isBlank()) {
                return true; // absent: whether it is needed is the caller's rule, not the date's
            }
            LocalDate date;
            try {
                date = LocalDate.parse(value.trim());
            } catch (DateTimeParseException e) {
                return false;
            }
            if (date.getYear() >= minYear && date.getYear() <= maxYear) {
                return true;
            }
            if (context != null) {
                Messages.fail(context, YEAR_OUT_OF_RANGE);
            }
            return false;
        }
    }
}

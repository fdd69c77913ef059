package org.lvs.metrics.rest.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A calendar day written as an ISO date ({@code 2017-07-01}) in a year a period may fall in; an absent (null or
 * blank) one is valid. A constraint rather than a typed {@code LocalDate} parameter, so that {@code from} and
 * {@code to} are named together when both are malformed (a parameter converter stops at the first).
 */
@Documented
@Constraint(validatedBy = IsoDateValidator.class)
@Target({PARAMETER, FIELD})
@Retention(RUNTIME)
public @interface IsoDate {

    String message() default "must be an ISO date, e.g. 2017-07-01";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

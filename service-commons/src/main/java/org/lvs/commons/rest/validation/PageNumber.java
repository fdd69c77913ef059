package org.lvs.commons.rest.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Min;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** A list's {@code page}: pages count from 0 (absent: the first). */
@Min(0)
@ReportAsSingleViolation
@Target({FIELD, PARAMETER})
@Retention(RUNTIME)
@Constraint(validatedBy = {})
public @interface PageNumber {

    String message() default "must be 0 or more";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

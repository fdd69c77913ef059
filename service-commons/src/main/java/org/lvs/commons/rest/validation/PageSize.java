package org.lvs.commons.rest.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.OverridesAttribute;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** A list's {@code size}: 1 to {@code max} (absent: the list's default). */
@Min(1)
@Max(PageSize.DEFAULT_MAX)
@ReportAsSingleViolation
@Target({FIELD, PARAMETER})
@Retention(RUNTIME)
@Constraint(validatedBy = {})
public @interface PageSize {

    long DEFAULT_MAX = 500;

    String message() default "must be from 1 to {max}";

    /** The largest page a list gives. */
    @OverridesAttribute(constraint = Max.class, name = "value")
    long max() default DEFAULT_MAX;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

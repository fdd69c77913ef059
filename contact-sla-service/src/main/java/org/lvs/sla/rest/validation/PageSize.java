package org.lvs.sla.rest.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.lvs.sla.persistence.Paging;

/** A list's {@code size}: 1 to {@value Paging#MAX_SIZE} (absent: the default). */
@Min(1)
@Max(Paging.MAX_SIZE)
@ReportAsSingleViolation
@Target({FIELD, PARAMETER})
@Retention(RUNTIME)
@Constraint(validatedBy = {})
public @interface PageSize {

    String message() default "must be from 1 to " + Paging.MAX_SIZE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

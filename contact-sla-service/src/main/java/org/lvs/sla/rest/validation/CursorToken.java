package org.lvs.sla.rest.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.lvs.sla.persistence.Cursor;

/** A list's {@code after}: the {@code next} of an earlier page of a due-ordered list (absent: from the start). */
@Target({FIELD, PARAMETER})
@Retention(RUNTIME)
@Constraint(validatedBy = CursorToken.Validator.class)
public @interface CursorToken {

    String message() default "is not a cursor this service gave out (pass the next of an earlier page)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<CursorToken, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || Cursor.parse(value) != null;
        }
    }
}

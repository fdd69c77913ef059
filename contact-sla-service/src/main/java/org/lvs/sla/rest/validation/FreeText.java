package org.lvs.sla.rest.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.lvs.commons.rest.validation.Messages;
import org.lvs.commons.text.SafeText;

/**
 * Text every consumer can hold ({@link SafeText}): {@code FREE_TEXT} allows tab and line breaks, {@code LINE} does not;
 * at most {@code max} characters. Absent is valid.
 */
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
@Constraint(validatedBy = FreeText.Validator.class)
public @interface FreeText {

    int max();

    SafeText.Kind kind() default SafeText.Kind.FREE_TEXT;

    String message() default "must be safe text";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Answers with {@link SafeText}'s own message (which names no value). */
    class Validator implements ConstraintValidator<FreeText, String> {

        private int max;
        private SafeText.Kind kind;

        @Override
        public void initialize(FreeText annotation) {
            max = annotation.max();
            kind = annotation.kind();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            String problem = SafeText.problem(value, kind, max);
            return problem == null || Messages.fail(context, problem);
        }
    }
}

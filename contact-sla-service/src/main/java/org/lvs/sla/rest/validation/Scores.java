package org.lvs.sla.rest.validation;

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
import java.util.Map;
import org.lvs.commons.rest.validation.Messages;

/**
 * Outcome scores: at least one, each named (at most 50 characters) and a whole number from 1 to 10. A bad score is
 * named by its path in the body, {@code scores.<name>}.
 */
@Target({FIELD, PARAMETER, RECORD_COMPONENT})
@Retention(RUNTIME)
@Constraint(validatedBy = Scores.Validator.class)
public @interface Scores {

    int NAME_MAX = 50;
    int LOWEST = 1;
    int HIGHEST = 10;

    String message() default "needs at least one score";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** One violation per bad score, at {@code scores.<name>}. */
    class Validator implements ConstraintValidator<Scores, Map<String, ? extends Number>> {

        @Override
        public boolean isValid(Map<String, ? extends Number> scores, ConstraintValidatorContext context) {
            if (scores == null || scores.isEmpty()) {
                return false;
            }
            boolean valid = true;
            for (Map.Entry<String, ? extends Number> score : scores.entrySet()) {
                String problem = problem(score.getKey(), score.getValue());
                if (problem != null) {
                    if (valid) {
                        context.disableDefaultConstraintViolation();
                    }
                    valid = false;
                    context.buildConstraintViolationWithTemplate(Messages.escape(problem))
                            .addPropertyNode(score.getKey())
                            .addConstraintViolation();
                }
            }
            return valid;
        }

        private static String problem(String name, Number value) {
            if (name == null || name.isBlank() || name.length() > NAME_MAX) {
                return "a score needs a name of at most " + NAME_MAX + " characters";
            }
            if (!(value instanceof Integer i) || i < LOWEST || i > HIGHEST) {
                return "must be a whole number from " + LOWEST + " to " + HIGHEST;
            }
            return null;
        }
    }
}

package org.lvs.triage.rest.validation;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.lvs.triage.rest.dto.FeedbackParams;

/**
 * The feedback parameters name one reading: the cursor ({@code after}, {@code limit}) or the paged reading by
 * {@code since} ({@code page}, {@code size}). A parameter of the other reading is named in the same 400 as any
 * malformed one, so a client learns every mistake at once.
 */
@Target(TYPE)
@Retention(RUNTIME)
@Constraint(validatedBy = OneFeedbackReading.Validator.class)
public @interface OneFeedbackReading {

    String message() default "belongs to the other reading";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<OneFeedbackReading, FeedbackParams> {

        private static final String CURSOR_ONLY =
                "is used with since alone; with the cursor (after), use limit and " + "continue from nextAfter";
        private static final String SINCE_ONLY = "is used with after; with since alone, use page and size";

        @Override
        public boolean isValid(FeedbackParams params, ConstraintValidatorContext context) {
            if (params == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            boolean valid = true;
            if (params.cursor()) {
                valid &= absent(params.page(), "page", CURSOR_ONLY, context);
                valid &= absent(params.size(), "size", CURSOR_ONLY, context);
            } else {
                valid &= absent(params.limit(), "limit", SINCE_ONLY, context);
            }
            return valid;
        }

        private static boolean absent(Object value, String field, String message, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            context.buildConstraintViolationWithTemplate(message)
                    .addPropertyNode(field)
                    .addConstraintViolation();
            return false;
        }
    }
}

package org.lvs.commons.rest.validation;

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
import java.util.Arrays;

/**
 * The name of one of {@code value}'s constants ("must be one of [A, B]" otherwise); absent or blank is valid (add
 * {@code @NotBlank} where the value is required). Text rather than the enum itself, so that a wrong name is named in
 * the one 400 with every other bad field instead of ending conversion. Read it with {@link EnumNames#parse}.
 */
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
@Constraint(validatedBy = EnumName.Validator.class)
public @interface EnumName {

    Class<? extends Enum<?>> value();

    String message() default "must be one of the listed names";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the name against the enum's constants, and names them in the message. */
    class Validator implements ConstraintValidator<EnumName, String> {

        private Enum<?>[] constants;

        @Override
        public void initialize(EnumName annotation) {
            constants = annotation.value().getEnumConstants();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || value.isBlank()) {
                return true;
            }
            String name = value.trim();
            if (Arrays.stream(constants).anyMatch(c -> c.name().equals(name))) {
                return true;
            }
            return Messages.fail(context, "must be one of " + Arrays.toString(constants));
        }
    }
}

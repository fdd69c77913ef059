package org.lvs.commons.rest.validation;

import jakarta.validation.ConstraintValidatorContext;

/** Replaces a constraint's default message with one worked out while validating. */
public final class Messages {

    private Messages() {}

    /** Always false, so validators can {@code return Messages.fail(...)}. */
    public static boolean fail(ConstraintValidatorContext context, String message) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(escape(message)).addConstraintViolation();
        return false;
    }

    /** A message as a literal template: braces, dollars and backslashes are not expressions. */
    public static String escape(String message) {
        return message.replace("\\", "\\\\")
                .replace("{", "\\{")
                .replace("}", "\\}")
                .replace("$", "\\$");
    }
}

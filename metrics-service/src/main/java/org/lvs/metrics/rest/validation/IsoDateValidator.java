package org.lvs.metrics.rest.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.lvs.metrics.domain.FinancialYear;

/** Checks {@link IsoDate}: a parseable ISO date, in a year {@link FinancialYear#isSupported supported}. */
public class IsoDateValidator implements ConstraintValidator<IsoDate, String> {

    static final String YEAR_OUT_OF_RANGE = "year out of range";

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null || value.isBlank()) {
            return true; // absent: whether it is needed is the period's rule, not the date's
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            return false;
        }
        if (FinancialYear.isSupported(date.getYear())) {
            return true;
        }
        if (context != null) {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(YEAR_OUT_OF_RANGE).addConstraintViolation();
        }
        return false;
    }
}

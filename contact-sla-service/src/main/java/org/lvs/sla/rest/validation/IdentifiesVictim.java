package org.lvs.sla.rest.validation;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.List;
import org.lvs.commons.rest.validation.Messages;
import org.lvs.contract.FieldError;
import org.lvs.sla.rest.dto.CaseSearchRequest;
import org.lvs.sla.service.SearchTerms;

/** A victim search whose terms are well-formed and identify someone ({@link SearchTerms}), each problem by field. */
@Target(TYPE)
@Retention(RUNTIME)
@Constraint(validatedBy = IdentifiesVictim.Validator.class)
public @interface IdentifiesVictim {

    String message() default SearchTerms.WHAT_IS_NEEDED;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** One violation per problem {@link SearchTerms#problems} finds, at its field. */
    class Validator implements ConstraintValidator<IdentifiesVictim, CaseSearchRequest> {

        @Override
        public boolean isValid(CaseSearchRequest request, ConstraintValidatorContext context) {
            List<FieldError> problems = SearchTerms.problems(request);
            if (problems.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            for (FieldError problem : problems) {
                context.buildConstraintViolationWithTemplate(Messages.escape(problem.message()))
                        .addPropertyNode(problem.field())
                        .addConstraintViolation();
            }
            return false;
        }
    }
}

package org.lvs.commons.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.lvs.contract.FieldError;

/** An RFC 9457 problem detail, the body of every error answer. {@code errors} names every bad field of an input. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
}

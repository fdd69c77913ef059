package org.lvs.contract;

/** One bad field of an input: used in problem+json {@code errors} and in rejected intake records. */
public record FieldError(String field, String message) {}

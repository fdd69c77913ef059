package org.lvs.sla.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A page of a list: {@code {items, page, size, total, totalCapped}}; pages count from 0. {@code total} is exact up to
 * {@value org.lvs.sla.persistence.CappedCount#CAP}; a longer list answers that number with {@code totalCapped} true.
 * The due-ordered lists add {@code next} when the page is full: the cursor to pass as {@code after} for the page that
 * follows (absent on the last page).
 */
public record PageOf<T>(
        List<T> items,
        int page,
        int size,
        long total,
        boolean totalCapped,
        @JsonInclude(JsonInclude.Include.NON_NULL) String next) {}

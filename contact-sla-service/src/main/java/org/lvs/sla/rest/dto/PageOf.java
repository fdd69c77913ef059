package org.lvs.sla.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A page of a list: {@code {items, page, size, total}}; pages count from 0. The due-ordered lists add {@code next}
 * when the page is full: the cursor to pass as {@code after} for the page that follows (absent on the last page).
 */
public record PageOf<T>(
        List<T> items,
        int page,
        int size,
        long total,
        @JsonInclude(JsonInclude.Include.NON_NULL) String next) {

    public PageOf(List<T> items, int page, int size, long total) {
        this(items, page, size, total, null);
    }
}

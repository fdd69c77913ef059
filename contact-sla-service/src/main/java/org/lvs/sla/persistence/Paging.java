package org.lvs.sla.persistence;

/**
 * Which page of a list: pages count from 0; {@code size} 1 to {@value #MAX_SIZE} (default {@value #DEFAULT_SIZE}).
 * With a cursor ({@code after}) the pages count from the row after it, so page 0 is the one that follows.
 */
public record Paging(int page, int size, Cursor after) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    /** The page asked for; absent values take the defaults (page 0, size 50). */
    public static Paging of(Integer page, Integer size) {
        return of(page, size, null);
    }

    public static Paging of(Integer page, Integer size, Cursor after) {
        return new Paging(page == null ? 0 : page, size == null ? DEFAULT_SIZE : size, after);
    }

    public long offset() {
        return (long) page * size;
    }

    /** How many pages {@code total} entries fill at this size. */
    public long pages(long total) {
        return (total + size - 1) / size;
    }
}

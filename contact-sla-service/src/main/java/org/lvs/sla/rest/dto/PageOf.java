package org.lvs.sla.rest.dto;

import java.util.List;

/** A page of a list: {@code {items, page, size, total}}; pages count from 0. */
public record PageOf<T>(List<T> items, int page, int size, long total) {}

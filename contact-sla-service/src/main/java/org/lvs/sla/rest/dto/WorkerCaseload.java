package org.lvs.sla.rest.dto;

import java.util.Map;

/**
 * A worker's open cases against the capacity of their pathway (the one most of their cases are on); over capacity
 * means more than capacity. {@code byPathway} counts per pathway ({@code NONE} for cases without one).
 */
public record WorkerCaseload(
        String worker,
        String pathway,
        long openCases,
        Integer capacity,
        boolean overCapacity,
        Map<String, Long> byPathway) {}

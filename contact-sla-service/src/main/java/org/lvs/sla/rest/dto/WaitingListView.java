package org.lvs.sla.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The waiting lists: the page asked for, and the groups (only the asked-for one when a group is named). */
public record WaitingListView(int page, int size, List<Group> strands, List<Group> services) {

    /** A waiting list: its total, its longest wait, how many pages it has at this size, and this page's entries. */
    public record Group(String name, long waiting, Double longestWaitHours, long pages, List<Entry> items) {}

    /** One waiting case: since its first contact (strands) or since the request (services). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(UUID referralId, Instant firstContactAt, Instant requestedAt, Double waitingHours) {}
}

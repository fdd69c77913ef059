package org.lvs.ingest.rest.dto;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lvs.contract.FieldError;
import org.lvs.ingest.persistence.RejectionRow;

/**
 * A page of a source's rejected records, lowest position first. Poll again with {@code after=next}: positions follow
 * commit order, so nothing is missed and nothing repeats.
 *
 * @param after the position asked after
 * @param next  the position to ask after next time (the last one listed, or {@code after} when none)
 */
@Schema(name = "Rejections", example = """
        {"source":"ADT","after":0,"next":2,
         "rejections":[{"position":1,"index":3,"batchId":"ADT-2017-08-14","sourceReference":"LC-2017-0012399",
                        "feedSequence":40216,"errors":[{"field":"crime.category","message":"is required"}],
                        "receivedAt":"2017-08-14T08:31:02Z"},
                       {"position":2,"index":0,"batchId":null,"sourceReference":null,"feedSequence":null,
                        "errors":[{"field":"sourceReference","message":"must be 1 to 64 characters of A-Z a-z 0-9 - _ / ."}],
                        "receivedAt":"2017-08-14T09:02:10Z"}]}""")
public record Rejections(String source, long after, long next, List<Rejection> rejections) {

    /**
     * One rejected record: its index in its request (a single referral is index 0), and only what was valid of it.
     *
     * @param batchId         null for a single referral
     * @param sourceReference null when it was missing or not valid
     * @param feedSequence    null when it was missing or not valid
     */
    public record Rejection(
            long position,
            int index,
            String batchId,
            String sourceReference,
            Long feedSequence,
            List<FieldError> errors,
            Instant receivedAt) {}

    public static Rejections of(String source, long after, List<RejectionRow> rows) {
        List<Rejection> list = rows.stream()
                .map(r -> new Rejection(
                        r.position(),
                        r.index(),
                        r.batchId(),
                        r.sourceReference(),
                        r.feedSequence(),
                        r.errors(),
                        r.receivedAt()))
                .toList();
        return new Rejections(
                source,
                after,
                list.isEmpty() ? after : list.get(list.size() - 1).position(),
                list);
    }
}

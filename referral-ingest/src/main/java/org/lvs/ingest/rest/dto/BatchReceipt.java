package org.lvs.ingest.rest.dto;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lvs.contract.FieldError;
import org.lvs.ingest.domain.RecordStatus;
import org.lvs.ingest.service.RecordResult;

/** The answer to a batch: counts and one result per record, in order. */
@Schema(name = "BatchReceipt", example = """
        {"batchId":"ADT-2017-08-14","accepted":1,"duplicates":0,"amended":0,"stale":0,"rejected":1,
         "results":[{"index":0,"sourceReference":"LC-2017-0012345","referralId":"3f2c7a9e-8d1b-4c5e-9a7f-2b6d1e0c4a11",
                     "status":"ACCEPTED","errors":[]},
                    {"index":1,"sourceReference":"LC-2017-0012346","referralId":null,"status":"REJECTED",
                     "errors":[{"field":"crime.category","message":"is required"}]}]}""")
public record BatchReceipt(
        String batchId, int accepted, int duplicates, int amended, int stale, int rejected, List<Result> results) {

    /** One record's result; {@code status} is ACCEPTED, AMENDED, DUPLICATE, STALE or REJECTED. */
    public record Result(int index, String sourceReference, UUID referralId, String status, List<FieldError> errors) {}

    public static BatchReceipt of(String batchId, List<RecordResult> results) {
        int accepted = 0, duplicates = 0, amended = 0, stale = 0, rejected = 0;
        List<Result> out = new ArrayList<>(results.size());
        for (RecordResult r : results) {
            switch (r.status()) {
                case ACCEPTED -> accepted++;
                case AMENDED -> amended++;
                case DUPLICATE -> duplicates++;
                case STALE -> stale++;
                case CONFLICT, REJECTED -> rejected++;
            }
            String status = r.status() == RecordStatus.CONFLICT
                    ? RecordStatus.REJECTED.name()
                    : r.status().name();
            out.add(new Result(r.index(), r.sourceReference(), r.referralId(), status, r.errors()));
        }
        return new BatchReceipt(batchId, accepted, duplicates, amended, stale, rejected, out);
    }
}

package org.lvs.ingest.rest.dto;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lvs.ingest.service.RecordResult;

/** The answer to one referral: its id and what became of it. */
@Schema(
        name = "ReferralReceipt",
        example = "{\"referralId\":\"3f2c7a9e-8d1b-4c5e-9a7f-2b6d1e0c4a11\",\"status\":\"ACCEPTED\"}")
public record ReferralReceipt(
        @Schema(description = "Assigned once per (source, sourceReference)")
        UUID referralId,

        @Schema(enumeration = {"ACCEPTED", "AMENDED", "DUPLICATE", "STALE"})
        String status) {

    public static ReferralReceipt of(RecordResult r) {
        return new ReferralReceipt(r.referralId(), r.status().name());
    }
}

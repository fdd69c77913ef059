package org.lvs.ingest.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to one referral: its id and what became of it. */
@Schema(name = "ReferralReceipt", example = "{\"referralId\":\"3f2c7a9e-8d1b-4c5e-9a7f-2b6d1e0c4a11\",\"status\":\"ACCEPTED\"}")
public record ReferralReceipt(
        @Schema(description = "Assigned once per (source, sourceReference)") java.util.UUID referralId,
        @Schema(enumeration = {"ACCEPTED", "AMENDED", "DUPLICATE", "STALE"}) String status) {

    public static ReferralReceipt of(RecordResult r) {
        return new ReferralReceipt(r.referralId(), r.status().name());
    }

}

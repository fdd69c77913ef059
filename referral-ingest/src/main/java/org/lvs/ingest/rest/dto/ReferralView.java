package org.lvs.ingest.rest.dto;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lvs.ingest.persistence.ReferralIdentity;

/** What ingest holds of a referral: no personal data, only its versions and when each was received. */
@Schema(name = "ReferralView", example = """
        {"referralId":"3f2c7a9e-8d1b-4c5e-9a7f-2b6d1e0c4a11","source":"ADT","sourceReference":"LC-2017-0012345",
         "firstReceivedAt":"2017-08-14T08:31:02Z",
         "versions":[{"version":1,"receivedAt":"2017-08-14T08:31:02Z","status":"ACCEPTED","published":true},
                     {"version":2,"receivedAt":"2017-08-15T10:02:40Z","status":"AMENDED","published":true}]}""")
public record ReferralView(
        UUID referralId, String source, String sourceReference, Instant firstReceivedAt, List<Version> versions) {

    /** @param published whether the broker confirmed this version's publication */
    public record Version(int version, Instant receivedAt, String status, boolean published) {}

    public static ReferralView of(ReferralIdentity identity) {
        return new ReferralView(
                identity.referralId(),
                identity.source(),
                identity.sourceReference(),
                identity.firstReceivedAt(),
                identity.versions().stream()
                        .map(v -> new Version(v.version(), v.receivedAt(), v.status(), v.published()))
                        .toList());
    }
}

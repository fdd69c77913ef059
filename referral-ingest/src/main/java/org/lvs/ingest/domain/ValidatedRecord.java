package org.lvs.ingest.domain;

import java.util.ArrayList;
import java.util.List;
import org.lvs.contract.FieldError;
import org.lvs.contract.referral.Referral;
import org.lvs.contract.referral.Source;

/**
 * One record after validation: either a referral (already minimised when consent is missing) or the errors naming
 * every bad field. The identifying facts are kept for rejected records too, so intake events and feed gaps can
 * name them; none of them is personal data.
 *
 * @param referral        the referral as it may travel, null when rejected
 * @param sourceText      the source as sent (may be no valid source): for the ownership check only, it never travels
 * @param source          the valid source, else null
 * @param sourceReference the reference if it was valid, else null
 * @param version         the version if it was valid (default 1), else null
 * @param feedSequence    the feed sequence if it was valid, else null
 * @param receivedAtGiven whether the record carried a non-null {@code receivedAt} (historical replay, admin only)
 */
public record ValidatedRecord(
        Referral referral,
        List<FieldError> errors,
        String sourceText,
        Source source,
        String sourceReference,
        Integer version,
        Long feedSequence,
        boolean receivedAtGiven) {

    public ValidatedRecord {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public boolean valid() {
        return referral != null && errors.isEmpty();
    }

    /** The same record rejected with one more error (e.g. a receivedAt from a caller who is not admin). */
    public ValidatedRecord rejectedWith(FieldError error) {
        List<FieldError> more = new ArrayList<>(errors);
        more.add(error);
        return new ValidatedRecord(
                null, more, sourceText, source, sourceReference, version, feedSequence, receivedAtGiven);
    }
}

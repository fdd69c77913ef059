package org.lvs.sla.messaging;

import java.util.List;
import java.util.Map;
import org.lvs.contract.casework.ClosureReason;
import org.lvs.contract.casework.ContactChannel;
import org.lvs.contract.casework.ContactOutcome;
import org.lvs.contract.casework.OnwardService;
import org.lvs.contract.casework.OutcomeStage;
import org.lvs.contract.casework.SupportType;

/** The event's own fields of a {@code cases.events} payload; null where they do not apply. */
public record EventDetail(
        ContactChannel channel,
        ContactOutcome outcome,
        List<SupportType> supportTypes,
        String handler,
        OnwardService service,
        OutcomeStage stage,
        Map<String, Integer> scores,
        ClosureReason closureReason) {

    public static final EventDetail NONE = new EventDetail(null, null, null, null, null, null, null, null);

    public static EventDetail contact(
            ContactChannel channel, ContactOutcome outcome, List<SupportType> supportTypes, String handler) {
        return new EventDetail(channel, outcome, supportTypes, handler, null, null, null, null);
    }

    public static EventDetail service(OnwardService service) {
        return new EventDetail(null, null, null, null, service, null, null, null);
    }

    public static EventDetail outcomeScores(OutcomeStage stage, Map<String, Integer> scores) {
        return new EventDetail(null, null, null, null, null, stage, scores, null);
    }

    public static EventDetail closure(ClosureReason reason) {
        return new EventDetail(null, null, null, null, null, null, null, reason);
    }
}

package org.lvs.sla.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import org.lvs.commons.rest.validation.EnumName;
import org.lvs.commons.rest.validation.IsoInstant;
import org.lvs.contract.casework.ClosureReason;
import org.lvs.contract.casework.ContactChannel;
import org.lvs.contract.casework.ContactOutcome;
import org.lvs.contract.casework.OnwardService;
import org.lvs.contract.casework.OutcomeStage;
import org.lvs.contract.casework.SupportType;
import org.lvs.contract.referral.RiskLevel;
import org.lvs.contract.triage.Pathway;
import org.lvs.sla.rest.validation.FreeText;
import org.lvs.sla.rest.validation.Scores;

/**
 * Request bodies of the case actions, validated by Bean Validation after the check that only admin sets {@code at}
 * (403 before 400). Enum names and instants stay text here so that a wrong one is named in the one 400 with every
 * other bad field, rather than making the whole body unreadable.
 */
public final class CaseRequests {

    /** Notes, a regrade's reason: at most this many characters. */
    public static final int NOTE_MAX = 2000;

    static final String REQUIRED = "is required";
    /**
     * A worker's or handler's id (a token subject or a staff id such as {@code isva-01}), never a free-text name: it
     * travels on cases.events, which keep no personal data. Blank counts as absent.
     */
    static final String WORKER_ID = "\\s*|\\s*[A-Za-z0-9][A-Za-z0-9._:-]{0,99}\\s*";

    static final String NOT_A_WORKER_ID =
            "must be a worker id (1 to 100 letters, digits, '.', '_', ':' or '-', no spaces), not a name";

    private CaseRequests() {}

    /** A body every action has: {@code at}, admin only (historical replay). */
    public interface Timed {
        String at();
    }

    public record ContactRequest(
            @IsoInstant String at,

            @NotBlank(message = REQUIRED) @EnumName(ContactChannel.class)
            String channel,

            @NotBlank(message = REQUIRED) @EnumName(ContactOutcome.class)
            String outcome,

            List<@NotBlank(message = REQUIRED) @EnumName(SupportType.class) String> supportTypes,

            @Pattern(regexp = WORKER_ID, message = NOT_A_WORKER_ID)
            String handler,

            @FreeText(max = NOTE_MAX) String note)
            implements Timed {}

    public record ScreeningRequest(
            @IsoInstant String at,

            @NotNull(message = "is required (true or false)")
            Boolean safeToContact,

            @FreeText(max = NOTE_MAX) String note)
            implements Timed {}

    public record ConsentRequest(
            @IsoInstant String at,

            @NotNull(message = "is required (true or false)")
            Boolean confirmed) implements Timed {}

    public record AssignmentRequest(
            @IsoInstant String at,

            @NotBlank(message = REQUIRED) @Pattern(regexp = WORKER_ID, message = NOT_A_WORKER_ID)
            String worker)
            implements Timed {}

    public record PathwayRequest(
            @IsoInstant String at,

            @NotBlank(message = REQUIRED) @EnumName(Pathway.class)
            String pathway,

            @EnumName(RiskLevel.class) String riskLevel,

            @NotBlank(message = REQUIRED) @FreeText(max = NOTE_MAX)
            String reason)
            implements Timed {}

    /** A service requested ({@code POST …/services}), or started ({@code service} from the path). */
    public record ServiceRequest(
            @IsoInstant String at,

            @NotBlank(message = REQUIRED) @EnumName(OnwardService.class)
            String service) implements Timed {}

    public record AtOnly(@IsoInstant String at) implements Timed {}

    /** STAR-style scores by name; numbers stay numbers here, so a fraction is named rather than rounded. */
    public record OutcomeRequest(
            @IsoInstant String at,

            @NotBlank(message = REQUIRED) @EnumName(OutcomeStage.class)
            String stage,

            @Scores Map<String, Number> scores)
            implements Timed {}

    public record ClosureRequest(
            @IsoInstant String at,

            @NotBlank(message = REQUIRED) @EnumName(ClosureReason.class)
            String reason) implements Timed {}
}

package org.lvs.metrics.service;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.lvs.contract.casework.CaseStatus;
import org.lvs.contract.casework.ClockState;
import org.lvs.contract.casework.ContactChannel;
import org.lvs.contract.casework.ContactOutcome;
import org.lvs.contract.casework.OnwardService;
import org.lvs.contract.casework.SupportType;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.Gender;
import org.lvs.contract.referral.HateStrand;
import org.lvs.contract.referral.HowHeard;
import org.lvs.contract.referral.RiskLevel;
import org.lvs.contract.referral.Source;
import org.lvs.contract.triage.DataIssue;
import org.lvs.contract.triage.DecisionOutcome;
import org.lvs.contract.triage.Pathway;
import org.lvs.contract.triage.Strand;

/**
 * The one map from the figures' keys (the contract's enum names) to the words the service writes for people: its
 * teams' and partners' acronyms as they are (ADT, MASH, IDVA, IVA, ISVA, NEST, CJS), other names in sentence case.
 * The HTML report, the PDF and the dashboard use it; the CSV keeps the machine-readable keys (metrics.md: every
 * figure as {@code section,figure,value}).
 */
public final class Labels {

    private static final Map<String, String> SPECIAL = Map.ofEntries(
            Map.entry("ADT", "ADT"),
            Map.entry("MASH", "MASH"),
            Map.entry("OFFICER_DIRECT", "Officer direct"),
            Map.entry("PARTNER", "Partner"),
            Map.entry("SELF", "Self-referral"),
            Map.entry("IDVA", "IDVA"),
            Map.entry("IVA", "IVA"),
            Map.entry("ISVA", "ISVA"),
            Map.entry("NEST", "NEST"),
            Map.entry("HATE_CRIME_PARTNER", "Hate crime partners"),
            Map.entry("CJS_INFORMATION", "CJS information"),
            Map.entry("FACE_TO_FACE", "Face to face"),
            Map.entry("NON_BINARY", "Non-binary"),
            Map.entry("STALKING_HARASSMENT", "Stalking and harassment"),
            Map.entry("ARSON_ENDANGER_LIFE", "Arson endangering life"),
            Map.entry("KIDNAP_FALSE_IMPRISONMENT", "Kidnap and false imprisonment"),
            Map.entry("FRIEND_OR_FAMILY", "Friend or family"),
            Map.entry("DECLINED_NO_CONSENT", "Declined: no consent"),
            Map.entry("NOT_GRADED", "Not graded"),
            Map.entry("MET_LATE", "Met late"),
            Map.entry("AT_RISK", "At risk"),
            Map.entry("improve", "Improved"),
            Map.entry("stay", "Stayed the same"),
            Map.entry("fall", "Fell"));

    /** Keys written like the contract's enum constants; anything else (an area, an age band) is shown as it is. */
    private static final Pattern ENUM_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    private static final List<Class<? extends Enum<?>>> LABELLED = List.of(
            Source.class,
            Strand.class,
            Pathway.class,
            RiskLevel.class,
            Gender.class,
            HowHeard.class,
            CrimeCategory.class,
            HateStrand.class,
            ContactChannel.class,
            ContactOutcome.class,
            SupportType.class,
            OnwardService.class,
            DataIssue.class,
            DecisionOutcome.class,
            ClockState.class,
            CaseStatus.class);

    private Labels() {}

    /** {@code OFFICER_DIRECT} → "Officer direct", {@code IDVA} → "IDVA", "Preston" → "Preston". */
    public static String of(String key) {
        if (key == null || key.isEmpty()) {
            return "";
        }
        String special = SPECIAL.get(key);
        if (special != null) {
            return special;
        }
        if (!ENUM_NAME.matcher(key).matches()) {
            return key;
        }
        String words = key.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** Every label of the contract's values and the figures' own keys, for the dashboard. */
    public static Map<String, String> all() {
        Map<String, String> all = new TreeMap<>();
        for (Class<? extends Enum<?>> type : LABELLED) {
            for (Enum<?> value : type.getEnumConstants()) {
                all.put(value.name(), of(value.name()));
            }
        }
        SPECIAL.forEach(all::put);
        for (String key : List.of("UNKNOWN", "NONE")) {
            all.put(key, of(key));
        }
        return all;
    }
}

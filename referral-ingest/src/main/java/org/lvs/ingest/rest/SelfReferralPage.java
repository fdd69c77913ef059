package org.lvs.ingest.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lvs.contract.FieldError;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.Gender;
import org.lvs.contract.referral.HowHeard;
import org.lvs.contract.referral.PreferredContact;

/**
 * The public self-referral form and its answer pages (Qute templates under {@code templates/SelfReferralPage/}):
 * plain HTML, a label for every field, no JavaScript, posting {@code application/x-www-form-urlencoded}. Qute escapes
 * every value; what a person typed is echoed back only into their own form after an error, never logged. The form's
 * field names are those of {@code SelfReferralService} (FIELDS, IDEMPOTENCY_FIELD, HONEYPOT_FIELD).
 */
final class SelfReferralPage {

    /** The one inline style of every page, allowed by its hash in the Content-Security-Policy (SecurityHeaders). */
    static final String STYLE = """

            body{font-family:system-ui,sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem;line-height:1.5}
            label{display:block;font-weight:600;margin-top:1rem}
            input,select,textarea{font-size:1rem;width:100%;padding:.4rem;box-sizing:border-box}
            fieldset{margin-top:1.5rem}button{margin-top:1.5rem;font-size:1.1rem;padding:.6rem 1.2rem}
            [role=alert]{border:4px solid #b10e1e;padding:0 1rem}:focus{outline:3px solid #fd0}
            .hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
            """;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(
                String style, String idempotencyKey, List<ErrorLine> errors, FormValues values, Choices choices);

        static native TemplateInstance confirmation(String style, UUID referralId);

        static native TemplateInstance message(String style, String title, String text);
    }

    /** One problem of a posted form, under the label the person saw. */
    record ErrorLine(String label, String message) {}

    /** One option of a select; {@code selected} when it is what was posted. */
    record Option(String value, String label, boolean selected) {}

    /** What was posted, for the form shown again; an absent field is empty. */
    record FormValues(Map<String, String> posted) {
        public String of(String name) {
            return posted.getOrDefault(name, "");
        }
    }

    /** The options of each select of the form. */
    record Choices(
            List<Option> crimeCategory,
            List<Option> area,
            List<Option> gender,
            List<Option> preferredContact,
            List<Option> howHeard) {}

    private SelfReferralPage() {}

    /**
     * The form. Each render carries a fresh Idempotency-Key in a hidden field, so sending the same form twice (a
     * double click, a retry after a lost answer) makes one referral; and a honeypot field people never see.
     */
    static String form(List<String> areas, Map<String, String> posted, List<FieldError> errors) {
        Choices choices = new Choices(
                options(names(CrimeCategory.values()), posted.get("crimeCategory")),
                options(areas, posted.get("area")),
                options(names(Gender.values()), posted.get("gender")),
                options(names(PreferredContact.values()), posted.get("preferredContact")),
                options(names(HowHeard.values()), posted.get("howHeard")));
        List<ErrorLine> lines = errors.stream()
                .map(e -> new ErrorLine(label(e.field()), e.message()))
                .toList();
        return Templates.form(STYLE, UUID.randomUUID().toString(), lines, new FormValues(posted), choices)
                .render();
    }

    static String confirmation(UUID referralId) {
        return Templates.confirmation(STYLE, referralId).render();
    }

    static String message(String title, String text) {
        return Templates.message(STYLE, title, text).render();
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private static List<Option> options(List<String> values, String chosen) {
        return values.stream()
                .map(v -> new Option(v, pretty(v), v.equals(chosen)))
                .toList();
    }

    private static String pretty(String constant) {
        String s = constant.replace('_', ' ').toLowerCase();
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The form label for a contract field path, so errors read in the person's terms. */
    private static String label(String field) {
        return switch (field) {
            case "crime.category" -> "What kind of crime was it?";
            case "crime.description" -> "Anything you would like to tell us";
            case "area" -> "Area";
            case "victim.firstName" -> "First name";
            case "victim.lastName" -> "Last name";
            case "victim.dateOfBirth" -> "Date of birth";
            case "victim.age" -> "Age";
            case "victim.gender" -> "Gender";
            case "victim.phone" -> "Phone number";
            case "victim.email" -> "Email address";
            case "victim.preferredContact" -> "How would you like us to contact you?";
            case "howHeard" -> "Where did you hear about us?";
            case "howHeardDetail" -> "Tell us more";
            default -> field.startsWith("victim.address") ? "Address" : field;
        };
    }
}

package org.lvs.ingest.rest;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lvs.contract.FieldError;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.Gender;
import org.lvs.contract.referral.HowHeard;
import org.lvs.contract.referral.PreferredContact;
import org.lvs.ingest.service.SelfReferralService;

/**
 * The public self-referral form and its answer pages: plain HTML, a label for every field, no JavaScript, posting
 * {@code application/x-www-form-urlencoded}. Values a person typed are echoed back (escaped) only into their own
 * form after an error, never logged.
 */
final class SelfReferralPage {

    /** The one inline style of every page, allowed by its hash in the Content-Security-Policy (SecurityHeaders). */
    static final String STYLE = """

            body{font-family:system-ui,sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem;line-height:1.5}
            label{display:block;font-weight:600;margin-top:1rem}input,select,textarea{font-size:1rem;width:100%;padding:.4rem;box-sizing:border-box}
            fieldset{margin-top:1.5rem}button{margin-top:1.5rem;font-size:1.1rem;padding:.6rem 1.2rem}
            [role=alert]{border:4px solid #b10e1e;padding:0 1rem}:focus{outline:3px solid #fd0}
            .hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
            """;

    private SelfReferralPage() {
    }

    /**
     * The form. Each render carries a fresh Idempotency-Key in a hidden field, so sending the same form twice (a
     * double click, a retry after a lost answer) makes one referral; and a honeypot field people never see.
     */
    static String form(List<String> areas, Map<String, String> values, List<FieldError> errors) {
        StringBuilder h = new StringBuilder(8192);
        head(h, errors.isEmpty() ? "Refer yourself for support" : "There is a problem - Refer yourself for support");
        h.append("<main id=\"main\">\n<h1>Refer yourself for support</h1>\n");
        h.append("<p>Tell us how to reach you and we will contact you about free, confidential support. ")
                .append("Only the first section is needed; give as much as you are comfortable with.</p>\n");
        if (!errors.isEmpty()) {
            h.append("<div role=\"alert\" aria-labelledby=\"error-summary\" tabindex=\"-1\">\n")
                    .append("<h2 id=\"error-summary\">There is a problem</h2>\n<ul>\n");
            for (FieldError e : errors) {
                h.append("<li>").append(esc(label(e.field()))).append(": ").append(esc(e.message())).append("</li>\n");
            }
            h.append("</ul>\n</div>\n");
        }
        h.append("<form method=\"post\" action=\"/api/v1/self-referrals\" accept-charset=\"UTF-8\">\n");
        h.append("<input type=\"hidden\" name=\"").append(SelfReferralService.IDEMPOTENCY_FIELD)
                .append("\" value=\"").append(UUID.randomUUID()).append("\">\n");
        // Hidden from sight and from the tab order; a screen reader that reaches it reads "Leave this field empty".
        h.append("<div class=\"hp\">\n<label for=\"").append(SelfReferralService.HONEYPOT_FIELD)
                .append("\">Leave this field empty</label>\n<input id=\"").append(SelfReferralService.HONEYPOT_FIELD)
                .append("\" name=\"").append(SelfReferralService.HONEYPOT_FIELD)
                .append("\" type=\"text\" tabindex=\"-1\" autocomplete=\"off\" value=\"\">\n</div>\n");
        h.append("<fieldset>\n<legend>What happened</legend>\n");
        select(h, "crimeCategory", "What kind of crime was it?", values, enumOptions(CrimeCategory.values()), true);
        select(h, "area", "Which area do you live in?", values, areas.stream().map(a -> new String[] {a, pretty(a)}).toList(), true);
        textarea(h, "description", "Anything you would like to tell us (optional)", values, 2000);
        h.append("</fieldset>\n<fieldset>\n<legend>About you</legend>\n");
        input(h, "firstName", "First name", "text", "given-name", values, 200);
        input(h, "lastName", "Last name", "text", "family-name", values, 200);
        input(h, "dateOfBirth", "Date of birth (optional)", "date", "bday", values, 10);
        input(h, "age", "Or your age in years (optional)", "number", null, values, 3);
        select(h, "gender", "Gender (optional)", values, enumOptions(Gender.values()), false);
        h.append("</fieldset>\n<fieldset>\n<legend>How we can contact you</legend>\n");
        input(h, "phone", "Phone number", "tel", "tel", values, 20);
        input(h, "email", "Email address", "email", "email", values, 200);
        input(h, "addressLine1", "Address line 1", "text", "address-line1", values, 200);
        input(h, "addressLine2", "Address line 2 (optional)", "text", "address-line2", values, 200);
        input(h, "town", "Town or city", "text", "address-level2", values, 200);
        input(h, "postcode", "Postcode", "text", "postal-code", values, 10);
        select(h, "preferredContact", "How would you like us to contact you?", values,
                enumOptions(PreferredContact.values()), false);
        h.append("</fieldset>\n<fieldset>\n<legend>How you heard about us (optional)</legend>\n");
        select(h, "howHeard", "Where did you hear about us?", values, enumOptions(HowHeard.values()), false);
        input(h, "howHeardDetail", "Tell us more (optional)", "text", null, values, 200);
        h.append("</fieldset>\n");
        h.append("<p id=\"consent\">By sending this form you agree that we may hold these details and contact you ")
                .append("about support.</p>\n");
        h.append("<button type=\"submit\" aria-describedby=\"consent\">Send my referral</button>\n</form>\n</main>\n");
        return tail(h);
    }

    static String confirmation(UUID referralId) {
        StringBuilder h = new StringBuilder(1024);
        head(h, "Referral received - Refer yourself for support");
        h.append("<main id=\"main\">\n<h1>Thank you, we have your referral</h1>\n")
                .append("<p>We will contact you in the way you asked. Your reference is <strong>")
                .append(esc(referralId.toString())).append("</strong>.</p>\n")
                .append("<p>If you are in danger now, call 999.</p>\n</main>\n");
        return tail(h);
    }

    static String message(String title, String text) {
        StringBuilder h = new StringBuilder(512);
        head(h, title);
        h.append("<main id=\"main\">\n<h1>").append(esc(title)).append("</h1>\n<p>").append(esc(text))
                .append("</p>\n<p><a href=\"/self-referral\">Back to the form</a></p>\n</main>\n");
        return tail(h);
    }

    private static void head(StringBuilder h, String title) {
        h.append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(esc(title)).append("</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<a href=\"#main\">Skip to the form</a>\n");
    }

    private static String tail(StringBuilder h) {
        return h.append("</body>\n</html>\n").toString();
    }

    private static void input(StringBuilder h, String name, String label, String type, String autocomplete,
            Map<String, String> values, int maxLength) {
        h.append("<label for=\"").append(name).append("\">").append(esc(label)).append("</label>\n<input id=\"")
                .append(name).append("\" name=\"").append(name).append("\" type=\"").append(type).append('"');
        if (autocomplete != null) {
            h.append(" autocomplete=\"").append(autocomplete).append('"');
        }
        if (!"number".equals(type) && !"date".equals(type)) {
            h.append(" maxlength=\"").append(maxLength).append('"');
        } else if ("number".equals(type)) {
            h.append(" min=\"0\" max=\"120\" inputmode=\"numeric\"");
        }
        h.append(" value=\"").append(esc(values.getOrDefault(name, ""))).append("\">\n");
    }

    private static void textarea(StringBuilder h, String name, String label, Map<String, String> values, int max) {
        h.append("<label for=\"").append(name).append("\">").append(esc(label)).append("</label>\n<textarea id=\"")
                .append(name).append("\" name=\"").append(name).append("\" rows=\"5\" maxlength=\"").append(max)
                .append("\">").append(esc(values.getOrDefault(name, ""))).append("</textarea>\n");
    }

    private static void select(StringBuilder h, String name, String label, Map<String, String> values,
            List<String[]> options, boolean required) {
        h.append("<label for=\"").append(name).append("\">").append(esc(label)).append("</label>\n<select id=\"")
                .append(name).append("\" name=\"").append(name).append('"').append(required ? " required" : "")
                .append(">\n<option value=\"\">Choose one</option>\n");
        String chosen = values.getOrDefault(name, "");
        for (String[] o : options) {
            h.append("<option value=\"").append(esc(o[0])).append('"').append(o[0].equals(chosen) ? " selected" : "")
                    .append('>').append(esc(o[1])).append("</option>\n");
        }
        h.append("</select>\n");
    }

    private static List<String[]> enumOptions(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(v -> new String[] {v.name(), pretty(v.name())}).toList();
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

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

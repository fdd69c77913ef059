package org.lvs.metrics.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service's own words for the figures' keys (issue 12): its acronyms as written, the rest in sentence case. */
class LabelsTest {

    @Test
    void labelsAsTheServiceWritesThem() {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("ADT", "ADT"),
                Map.entry("MASH", "MASH"),
                Map.entry("IDVA", "IDVA"),
                Map.entry("IVA", "IVA"),
                Map.entry("ISVA", "ISVA"),
                Map.entry("NEST", "NEST"),
                Map.entry("CJS_INFORMATION", "CJS information"),
                Map.entry("HATE_CRIME_PARTNER", "Hate crime partners"),
                Map.entry("OFFICER_DIRECT", "Officer direct"),
                Map.entry("PARTNER", "Partner"),
                Map.entry("SELF", "Self-referral"),
                Map.entry("DOMESTIC_ABUSE", "Domestic abuse"),
                Map.entry("SEXUAL_ORIENTATION", "Sexual orientation"),
                Map.entry("NOT_GRADED", "Not graded"));
        expected.forEach((key, label) -> assertEquals(label, Labels.of(key), key));
    }

    @Test
    void valuesThatAreNotKeysStayAsTheyAre() {
        assertEquals("Preston", Labels.of("Preston"));
        assertEquals("25-34", Labels.of("25-34"));
        assertEquals("=cmd", Labels.of("=cmd"));
        assertEquals("", Labels.of(null));
    }

    @Test
    void theDashboardGetsEveryContractValue() {
        Map<String, String> all = Labels.all();
        assertEquals("Self-referral", all.get("SELF"));
        assertEquals("Hate crime partners", all.get("HATE_CRIME_PARTNER"));
        assertEquals("CJS information", all.get("CJS_INFORMATION"));
        assertTrue(all.containsKey("FACE_TO_FACE") && all.containsKey("UNKNOWN"));
    }
}

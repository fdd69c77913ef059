package org.lvs.ingest.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lvs.contract.FieldError;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.referral.AgeBand;
import org.lvs.contract.referral.Referral;

class ReferralValidatorTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2017-08-14T10:00:00Z"), ZoneOffset.UTC);
    static final ReferralValidator VALIDATOR = new ReferralValidator(
            List.of("NORTH", "CENTRAL", "EAST", "WEST", "SOUTH", "UNKNOWN"), CLOCK, Duration.ofMinutes(5));

    static final String VALID = """
            {"source":"ADT","sourceReference":"LC-2017-0012345","version":1,"feedSequence":40213,
             "recordedAt":"2017-08-14T09:30:00+01:00","receivedAt":null,"area":"CENTRAL",
             "crime":{"category":"HATE_CRIME","hateStrands":["RELIGION"],"description":"Shouted at in the street"},
             "victim":{"personRef":"P-778812","firstName":"  Amina ","lastName":"Example","dateOfBirth":"1990-05-02",
               "age":null,"gender":"FEMALE","phone":"07700 900123","email":null,
               "address":{"line1":"1 Example Street","town":"Preston","postcode":"PR1 2AB"},
               "preferredContact":"PHONE","vulnerabilities":["INTIMIDATED"]},
             "consent":"EXPLICIT","riskLevel":null,"safeguarding":{"unsafeToContact":false,"reason":null},
             "howHeard":null,"someFieldWeDoNotKnow":42}""";

    static ObjectNode valid() {
        try {
            return (ObjectNode) EventJson.mapper().readTree(VALID);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<String> fields(ValidatedRecord r) {
        return r.errors().stream().map(FieldError::field).collect(Collectors.toSet());
    }

    @Test
    void validReferralIsBuiltTrimmedWithAgeBandAndUnknownFieldsIgnored() {
        ValidatedRecord r = VALIDATOR.validate(valid(), null);
        assertTrue(r.valid(), () -> r.errors().toString());
        Referral ref = r.referral();
        assertEquals("Amina", ref.victim().firstName());
        assertEquals(AgeBand.FROM_25_TO_34, ref.victim().ageBand());
        assertEquals(40213L, ref.feedSequence());
        assertEquals(Instant.parse("2017-08-14T08:30:00Z"), ref.recordedAt());
        assertFalse(r.receivedAtGiven());
    }

    @ParameterizedTest(name = "{0} = {1} -> error on {2}")
    @CsvSource(delimiter = '|', textBlock = """
            source            | "XYZ"                      | source
            source            | 7                          | source
            sourceReference   | "has space"                | sourceReference
            sourceReference   | "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" | sourceReference
            sourceReference   | ""                         | sourceReference
            version           | 0                          | version
            version           | 1000001                    | version
            version           | "2"                        | version
            version           | 1.5                        | version
            feedSequence      | -1                         | feedSequence
            feedSequence      | "x"                        | feedSequence
            recordedAt        | "2017-08-14T09:30:00"      | recordedAt
            recordedAt        | "2017-08-14T10:06:00Z"     | recordedAt
            recordedAt        | "yesterday"                | recordedAt
            receivedAt        | "not a time"               | receivedAt
            area              | "ATLANTIS"                 | area
            crime             | "robbery"                  | crime
            consent           | "MAYBE"                    | consent
            riskLevel         | "LOW"                      | riskLevel
            howHeard          | "RADIO"                    | howHeard
            safeguarding      | true                       | safeguarding
            """)
    void topLevelRulesNameTheField(String field, String json, String expectedField) throws Exception {
        ObjectNode node = valid();
        node.set(field, EventJson.mapper().readTree(json));
        ValidatedRecord r = VALIDATOR.validate(node, null);
        assertFalse(r.valid());
        assertEquals(Set.of(expectedField), fields(r), () -> r.errors().toString());
        // Messages never repeat the value sent (they reach referrals.intake).
        r.errors().forEach(e -> assertFalse(json.length() > 4 && e.message().contains(json.replace("\"", ""))));
    }

    @ParameterizedTest(name = "{0}.{1} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            crime  | category          | "PICKPOCKETING"         | crime.category
            crime  | hateStrands       | ["RELIGION","COLOUR"]   | crime.hateStrands
            crime  | hateStrands       | "RELIGION"              | crime.hateStrands
            victim | dateOfBirth       | "2017-08-15"            | victim.dateOfBirth
            victim | dateOfBirth       | "02/05/1990"            | victim.dateOfBirth
            victim | age               | 121                     | victim.age
            victim | age               | -1                      | victim.age
            victim | gender            | "F"                     | victim.gender
            victim | preferredContact  | "PIGEON"                | victim.preferredContact
            victim | vulnerabilities   | ["TIRED"]               | victim.vulnerabilities
            victim | firstName         | 12                      | victim.firstName
            victim | address           | "1 Example Street"      | victim.address
            """)
    void nestedRulesUseDottedPaths(String parent, String field, String json, String expectedField) throws Exception {
        ObjectNode node = valid();
        ((ObjectNode) node.get(parent)).set(field, EventJson.mapper().readTree(json));
        ValidatedRecord r = VALIDATOR.validate(node, null);
        assertEquals(Set.of(expectedField), fields(r), () -> r.errors().toString());
    }

    @Test
    void everyBadFieldIsNamedAtOnce() throws Exception {
        JsonNode node = EventJson.mapper().readTree("""
                {"source":"NOPE","version":"one","recordedAt":"soon","area":"MOON",
                 "crime":{"hateStrands":["X"],"description":7},
                 "victim":{"dateOfBirth":"2020-13-45","age":500,"gender":"?"},"consent":"PERHAPS"}""");
        ValidatedRecord r = VALIDATOR.validate(node, null);
        assertEquals(
                Set.of(
                        "source",
                        "sourceReference",
                        "version",
                        "recordedAt",
                        "area",
                        "crime.category",
                        "crime.hateStrands",
                        "crime.description",
                        "victim.dateOfBirth",
                        "victim.age",
                        "victim.gender",
                        "consent"),
                fields(r));
    }

    @Test
    void missingRequiredFieldsAreEachNamed() throws Exception {
        ValidatedRecord r = VALIDATOR.validate(EventJson.mapper().readTree("{}"), null);
        assertEquals(Set.of("source", "sourceReference", "recordedAt", "area", "crime.category", "consent"), fields(r));
    }

    @Test
    void notAnObjectIsRejected() throws Exception {
        assertEquals(
                Set.of("referral"), fields(VALIDATOR.validate(EventJson.mapper().readTree("[1]"), null)));
    }

    @Test
    void textLimits() {
        ObjectNode node = valid();
        ((ObjectNode) node.get("victim")).put("firstName", "x".repeat(201));
        ((ObjectNode) node.get("victim")).put("lastName", " " + "y".repeat(200) + " ");
        ((ObjectNode) node.get("crime")).put("description", "z".repeat(2001));
        node.put("howHeardDetail", "w".repeat(201));
        assertEquals(
                Set.of("victim.firstName", "crime.description", "howHeardDetail"),
                fields(VALIDATOR.validate(node, null)));
    }

    /** Each value is written with escapes ({@code \\uXXXX}, {@code \\t}, {@code \\n}), decoded by {@link #unescape}. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "victim|firstName|Amina\\u0000|victim.firstName|must not contain NUL characters",
                "victim|lastName|\\u0000|victim.lastName|must not contain NUL characters",
                "victim|phone|07700\\t900123|victim.phone|must not contain control characters or line breaks",
                "victim|email|a@example.org\\n|victim.email|must not contain control characters or line breaks",
                "victim|personRef|P-\\u2028|victim.personRef|must not contain control characters or line breaks",
                "crime|description|fine\\u0007|crime.description|must not contain control characters other than tab and line breaks",
                "crime|description|\\ud800|crime.description|must be valid Unicode text (a lone surrogate was found)",
                "safeguarding|reason|\\ufffe|safeguarding.reason|must not contain Unicode noncharacters",
                "root|consent|EXPLICIT\\u0000|consent|must not contain NUL characters",
                "root|sourceReference|X\\u0000|sourceReference|must not contain NUL characters"
            })
    void hostileTextIsNamedAndNeverTrimmedAway(
            String parent, String field, String escaped, String path, String message) {
        ObjectNode node = valid();
        ObjectNode target = parent.equals("root") ? node : (ObjectNode) node.get(parent);
        target.put(field, unescape(escaped));
        ValidatedRecord r = VALIDATOR.validate(node, null);
        assertFalse(r.valid());
        assertEquals(List.of(new FieldError(path, message)), r.errors());
    }

    static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 >= text.length()) {
                out.append(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 'u' -> {
                    out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }

    @Test
    void freeTextKeepsTabsAndLineBreaksAndMaximaAreTheDocumentedOnes() {
        ObjectNode node = valid();
        ((ObjectNode) node.get("crime")).put("description", "one\n\ttwo\r\nthree");
        ((ObjectNode) node.get("victim")).put("personRef", "P".repeat(64));
        ((ObjectNode) node.get("victim")).put("phone", "0".repeat(40));
        ((ObjectNode) node.get("victim")).put("email", "e".repeat(254));
        assertTrue(VALIDATOR.validate(node, null).valid());
        ((ObjectNode) node.get("victim")).put("personRef", "P".repeat(65));
        ((ObjectNode) node.get("victim")).put("phone", "0".repeat(41));
        ((ObjectNode) node.get("victim")).put("email", "e".repeat(255));
        ((ObjectNode) node.get("victim").get("address")).put("postcode", "P".repeat(17));
        ((ObjectNode) node.get("safeguarding")).put("reason", "r".repeat(2001));
        assertEquals(
                Set.of(
                        "victim.personRef",
                        "victim.phone",
                        "victim.email",
                        "victim.address.postcode",
                        "safeguarding.reason"),
                fields(VALIDATOR.validate(node, null)));
    }

    @Test
    void invalidPhoneAndEmailAreKeptNotErrors() {
        ObjectNode node = valid();
        ((ObjectNode) node.get("victim")).put("phone", "call me maybe");
        ((ObjectNode) node.get("victim")).put("email", "not-an-address");
        ValidatedRecord r = VALIDATOR.validate(node, null);
        assertTrue(r.valid());
        assertEquals("call me maybe", r.referral().victim().phone());
        assertFalse(r.referral().victim().hasValidPhone());
        assertFalse(r.referral().victim().hasValidEmail());
    }

    @Test
    void absentOrEmptyVictimIsValid() {
        ObjectNode node = valid();
        node.remove("victim");
        assertTrue(VALIDATOR.validate(node, null).valid());
        node.putObject("victim");
        ValidatedRecord r = VALIDATOR.validate(node, null);
        assertTrue(r.valid());
        assertEquals(AgeBand.UNKNOWN, r.referral().victim().ageBand());
    }

    @Test
    void versionDefaultsToOneAndAgeGivesTheBandWhenNoDateOfBirth() {
        ObjectNode node = valid();
        node.remove("version");
        ((ObjectNode) node.get("victim")).remove("dateOfBirth");
        ((ObjectNode) node.get("victim")).put("age", 17);
        ValidatedRecord r = VALIDATOR.validate(node, null);
        assertEquals(1, r.referral().version());
        assertEquals(AgeBand.UNDER_18, r.referral().victim().ageBand());
    }

    @Test
    void dateOfBirthWinsOverAge() {
        ObjectNode node = valid();
        ((ObjectNode) node.get("victim")).put("age", 70);
        assertEquals(
                AgeBand.FROM_25_TO_34,
                VALIDATOR.validate(node, null).referral().victim().ageBand());
    }

    @Test
    void recordedAtWithinFiveMinutesAheadIsAccepted() {
        ObjectNode node = valid();
        node.put("recordedAt", "2017-08-14T10:04:59Z");
        assertTrue(VALIDATOR.validate(node, null).valid());
    }

    @Test
    void batchSourceAppliesWhenTheRecordHasNone() {
        ObjectNode node = valid();
        node.remove("source");
        assertEquals(
                "PARTNER",
                VALIDATOR.validate(node, "PARTNER").referral().source().name());
        assertEquals(Set.of("source"), fields(VALIDATOR.validate(node, null)));
        assertEquals(Set.of("source"), fields(VALIDATOR.validate(node, "BOGUS")));
    }

    @Test
    void receivedAtIsFlagged() {
        ObjectNode node = valid();
        node.put("receivedAt", "2017-08-14T09:40:00+01:00");
        ValidatedRecord r = VALIDATOR.validate(node, null);
        assertTrue(r.receivedAtGiven());
        assertEquals(Instant.parse("2017-08-14T08:40:00Z"), r.referral().receivedAt());
    }

    @Test
    void withoutConsentNoPersonalDataLeavesTheValidator() {
        for (String consent : List.of("REFUSED", "NOT_RECORDED")) {
            ObjectNode node = valid();
            node.put("consent", consent);
            node.put("howHeardDetail", "a neighbour called Bob");
            ((ObjectNode) node.get("safeguarding")).put("reason", "lives with suspect");
            Referral r = VALIDATOR.validate(node, null).referral();
            String json = EventJson.write(r);
            for (String personal : List.of(
                    "Amina", "Example", "1990", "07700", "Preston", "PR1", "P-778812", "Shouted", "Bob", "suspect")) {
                assertFalse(json.contains(personal), consent + " leaks " + personal + ": " + json);
            }
            assertEquals(AgeBand.FROM_25_TO_34, r.victim().ageBand());
            assertEquals("FEMALE", r.victim().gender().name());
            assertEquals(
                    List.of("RELIGION"),
                    r.crime().hateStrands().stream().map(Enum::name).toList());
            assertNull(r.crime().description());
        }
    }

    @Test
    void hashIgnoresDeliveryFactsButSeesContent() {
        ObjectNode node = valid();
        String first = ContentHash.of(VALIDATOR.validate(node, null).referral());
        node.put("feedSequence", 99999);
        node.put("receivedAt", "2017-08-14T09:40:00+01:00");
        assertEquals(first, ContentHash.of(VALIDATOR.validate(node, null).referral()));
        ((ObjectNode) node.get("victim")).put("lastName", "Other");
        assertFalse(first.equals(ContentHash.of(VALIDATOR.validate(node, null).referral())));
    }
}

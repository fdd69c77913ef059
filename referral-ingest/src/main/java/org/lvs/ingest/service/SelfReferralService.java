package org.lvs.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.lvs.commons.failure.Failures;
import org.lvs.commons.problem.ProblemException;
import org.lvs.contract.FieldError;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.Source;
import org.lvs.ingest.config.IngestConfig;
import org.lvs.ingest.domain.FieldRules;
import org.lvs.ingest.domain.FormBody;
import org.lvs.ingest.domain.RecordStatus;
import org.lvs.ingest.persistence.IdempotencyClaim;
import org.lvs.ingest.persistence.IdempotencyRecord;
import org.lvs.ingest.persistence.IdempotencyStore;

/**
 * A victim's own referral (referral-contract.md, Self-referral): the fields a person can give, with {@code source}
 * SELF, a generated {@code sourceReference} (so the answer never tells whether the person is already known) and
 * consent EXPLICIT by submitting. The rate limit is applied before the request gets here
 * ({@code SelfReferralLimitFilter}).
 *
 * <ul>
 * <li>Fields only a professional may state are a 400 naming each, and nothing of the body is accepted.</li>
 * <li>A filled honeypot gets the same-looking answer, and nothing is stored or published.</li>
 * <li>An Idempotency-Key (header, or the form's hidden field) makes a re-sent self-referral answer with the first
 * one's referralId and status: the key is stored with the referral in one transaction, with the generated reference
 * and recordedAt, so the retry rebuilds the very same referral (if its publication was never confirmed, it is
 * published now). The same key with another body is a 409. Keys expire after
 * {@code lvs.ingest.self-referral.idempotency-ttl} (24 h).</li>
 * </ul>
 */
@ApplicationScoped
public class SelfReferralService {

    /** The form's field names (also accepted as flat JSON). */
    public static final String[] FIELDS = {
        "firstName",
        "lastName",
        "dateOfBirth",
        "age",
        "gender",
        "phone",
        "email",
        "addressLine1",
        "addressLine2",
        "town",
        "postcode",
        "preferredContact",
        "area",
        "crimeCategory",
        "description",
        "howHeard",
        "howHeardDetail"
    };
    /** The form's hidden field carrying the Idempotency-Key of one render. */
    public static final String IDEMPOTENCY_FIELD = "idempotencyKey";

    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    /** The honeypot: people never see it; a program that fills every field fills it. */
    public static final String HONEYPOT_FIELD = "website";
    /** What only a professional may state (referral-contract.md, Self-referral), at the top level of a body. */
    static final List<String> PROFESSIONAL = List.of(
            "riskLevel",
            "safeguarding",
            "vulnerabilities",
            "personRef",
            "recordedAt",
            "receivedAt",
            "feedSequence",
            "source",
            "sourceReference",
            "version");
    /** ... and inside {@code victim}. */
    static final List<String> PROFESSIONAL_VICTIM = List.of("personRef", "vulnerabilities");

    static final String PROFESSIONAL_MESSAGE =
            "only a professional referrer may state this; a self-referral must not set it";

    private static final Logger LOG = Logger.getLogger(SelfReferralService.class);
    /** The form's age: digits, perhaps with spaces around them. */
    private static final Pattern AGE = Pattern.compile(" *\\d{1,9} *");

    private final ReferralIntake intake;
    private final IdempotencyStore idempotency;
    private final IngestConfig config;
    private final Clock clock;

    SelfReferralService(ReferralIntake intake, IdempotencyStore idempotency, IngestConfig config, Clock clock) {
        this.intake = intake;
        this.idempotency = idempotency;
        this.config = config;
        this.clock = clock;
    }

    /**
     * The HTML form's post.
     *
     * @param posted    every field posted (first value of each)
     * @param headerKey the Idempotency-Key header, or null (then the form's hidden field counts)
     */
    public RecordResult submitForm(Map<String, String> posted, String headerKey) {
        List<FieldError> professional = new ArrayList<>();
        posted.forEach((name, value) -> {
            if (value != null && !value.isBlank() && isProfessional(name)) {
                professional.add(new FieldError(name, PROFESSIONAL_MESSAGE));
            }
        });
        refuse(professional);
        if (filled(posted.get(HONEYPOT_FIELD))) {
            return lookalike();
        }
        String key = headerKey != null
                ? checkedKey(headerKey, IDEMPOTENCY_HEADER)
                : checkedKey(posted.get(IDEMPOTENCY_FIELD), IDEMPOTENCY_FIELD);
        return submit(fromFields(formFields(posted)), key);
    }

    /**
     * The HTML form's body, read strictly ({@link FormBody}) in the charset its content type names (UTF-8 when none):
     * a body that is not a form in that charset is a 400, an unknown charset a 415, a body over
     * {@code max-single-bytes} a 413.
     */
    public Map<String, String> readForm(InputStream body, String charsetName) {
        Charset charset = StandardCharsets.UTF_8;
        if (charsetName != null) {
            try {
                charset = Charset.forName(charsetName);
            } catch (IllegalArgumentException e) {
                throw ProblemException.unsupportedMediaType("this charset is not supported; send the form in UTF-8");
            }
        }
        try {
            byte[] bytes = new LimitedInputStream(
                            body == null ? InputStream.nullInputStream() : body, config.maxSingleBytes())
                    .readAllBytes();
            return FormBody.parse(bytes, charset);
        } catch (BodyTooLargeException e) {
            throw ProblemException.payloadTooLarge("the body is larger than " + config.maxSingleBytes() + " bytes");
        } catch (FormBody.MalformedFormException e) {
            throw ProblemException.badRequest(e.getMessage());
        } catch (IOException e) {
            throw ProblemException.badRequest("the body could not be read");
        }
    }

    /** The form's own fields of a post, for the answer page. */
    public static Map<String, String> formFields(Map<String, String> posted) {
        Map<String, String> fields = new HashMap<>();
        for (String name : FIELDS) {
            if (posted.get(name) != null) {
                fields.put(name, posted.get(name));
            }
        }
        return fields;
    }

    /** JSON: either the referral's own shape (with victim/crime objects) or the form's flat fields. */
    public RecordResult submitJson(InputStream body, String headerKey) {
        JsonNode tree = intake.readTree(body, config.maxSingleBytes());
        if (!tree.isObject()) {
            throw ProblemException.badRequest("a self-referral is a JSON object");
        }
        refuse(professionalFields(tree));
        JsonNode honeypot = tree.get(HONEYPOT_FIELD);
        if (honeypot != null
                && !honeypot.isNull()
                && !(honeypot.isTextual() && honeypot.asText().isEmpty())) {
            return lookalike();
        }
        String key = headerKey == null ? null : checkedKey(headerKey, IDEMPOTENCY_HEADER);
        if (tree.get("victim") instanceof ObjectNode || tree.get("crime") instanceof ObjectNode) {
            ObjectNode nested = ((ObjectNode) tree).deepCopy();
            if (!nested.hasNonNull("area")) {
                nested.put("area", "UNKNOWN");
            }
            return submit(nested, key);
        }
        Map<String, String> fields = new HashMap<>();
        tree.fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                fields.put(e.getKey(), e.getValue().asText());
            }
        });
        return submit(fromFields(fields), key);
    }

    /** Every professional field the body sets (present and not null), by its path as sent. */
    static List<FieldError> professionalFields(JsonNode tree) {
        List<FieldError> errors = new ArrayList<>();
        for (String name : PROFESSIONAL) {
            if (tree.hasNonNull(name)) {
                errors.add(new FieldError(name, PROFESSIONAL_MESSAGE));
            }
        }
        JsonNode victim = tree.get("victim");
        if (victim != null && victim.isObject()) {
            for (String name : PROFESSIONAL_VICTIM) {
                if (victim.hasNonNull(name)) {
                    errors.add(new FieldError("victim." + name, PROFESSIONAL_MESSAGE));
                }
            }
        }
        return errors;
    }

    static boolean isProfessional(String postedName) {
        String name = postedName.startsWith("victim.") ? postedName.substring("victim.".length()) : postedName;
        for (String p : PROFESSIONAL) {
            if (name.equals(p) || name.startsWith(p + ".")) {
                return true;
            }
        }
        return false;
    }

    private static void refuse(List<FieldError> professional) {
        if (!professional.isEmpty()) {
            throw ProblemException.badRequest(professional);
        }
    }

    private static boolean filled(String value) {
        return value != null && !value.isEmpty();
    }

    /** What a person sees on success; for a filled honeypot nothing behind it exists. */
    private static RecordResult lookalike() {
        return new RecordResult(0, null, UUID.randomUUID(), RecordStatus.ACCEPTED, List.of());
    }

    private static String checkedKey(String key, String field) {
        if (key == null || key.isEmpty()) {
            return null;
        }
        if (!FieldRules.IDEMPOTENCY_KEY_PATTERN.matcher(key).matches()) {
            throw ProblemException.badRequest(List.of(new FieldError(
                    field, "must be 1 to " + FieldRules.IDEMPOTENCY_KEY + " characters of A-Z a-z 0-9 . _ : -")));
        }
        return key;
    }

    private RecordResult submit(ObjectNode tree, String key) {
        if (key == null) {
            return intake.submitSelf(stamped(tree, newReference(), now()), null);
        }
        Instant expiredBefore = clock.instant().minus(config.selfReferral().idempotencyTtl());
        for (int attempt = 0; attempt < 2; attempt++) {
            Optional<IdempotencyRecord> first = find(key, expiredBefore);
            if (first.isPresent()) {
                return again(tree, first.get());
            }
            String reference = newReference();
            Instant recordedAt = now();
            try {
                return intake.submitSelf(
                        stamped(tree, reference, recordedAt),
                        new IdempotencyClaim(key, reference, recordedAt, expiredBefore));
            } catch (IdempotencyKeyTaken e) {
                // another request with this key committed first: answer with its referral
            }
        }
        throw ProblemException.conflict("a self-referral with this Idempotency-Key is still being received; retry");
    }

    /** A retry: the same referral rebuilt; answered with the first one's id and status, or 409 if it changed. */
    private RecordResult again(ObjectNode tree, IdempotencyRecord first) {
        RecordResult result = intake.submitSelf(stamped(tree, first.sourceReference(), first.recordedAt()), null);
        if (result.status() == RecordStatus.CONFLICT) {
            throw ProblemException.conflict("this Idempotency-Key was already used for a different self-referral; "
                    + "a new self-referral needs a new key");
        }
        return new RecordResult(
                result.index(), result.sourceReference(), first.referralId(), RecordStatus.ACCEPTED, List.of());
    }

    /** Forgets expired Idempotency-Keys (they answer nothing any more). */
    @Scheduled(every = "15m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetExpiredKeys() {
        try {
            idempotency.deleteExpired(
                    clock.instant().minus(config.selfReferral().idempotencyTtl()));
        } catch (RuntimeException e) {
            LOG.debugf("cannot forget expired Idempotency-Keys now (%s)", Failures.kinds(e));
        }
    }

    private Optional<IdempotencyRecord> find(String key, Instant expiredBefore) {
        try {
            return idempotency.find(key, expiredBefore);
        } catch (RuntimeException e) {
            throw DatabaseErrors.translate(e, config.retryAfterSeconds());
        }
    }

    ObjectNode fromFields(Map<String, String> fields) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode tree = f.objectNode();
        tree.put("area", value(fields, "area", "UNKNOWN"));
        ObjectNode crime = tree.putObject("crime");
        crime.put("category", value(fields, "crimeCategory", "OTHER"));
        putIf(crime, "description", fields.get("description"));
        ObjectNode victim = tree.putObject("victim");
        for (String name :
                new String[] {"firstName", "lastName", "dateOfBirth", "gender", "phone", "email", "preferredContact"}) {
            putIf(victim, name, fields.get(name));
        }
        String age = fields.get("age");
        if (age != null && !age.isEmpty()) {
            if (AGE.matcher(age).matches()) {
                victim.put("age", Integer.parseInt(age.trim()));
            } else {
                victim.put("age", age);
            }
        }
        ObjectNode address = f.objectNode();
        putIf(address, "line1", fields.get("addressLine1"));
        putIf(address, "line2", fields.get("addressLine2"));
        putIf(address, "town", fields.get("town"));
        putIf(address, "postcode", fields.get("postcode"));
        if (!address.isEmpty()) {
            victim.set("address", address);
        }
        putIf(tree, "howHeard", fields.get("howHeard"));
        putIf(tree, "howHeardDetail", fields.get("howHeardDetail"));
        return tree;
    }

    /** The body as the edge accepts it from a person: source SELF, the given reference and time, consent given. */
    private static ObjectNode stamped(ObjectNode body, String sourceReference, Instant recordedAt) {
        ObjectNode tree = body.deepCopy();
        tree.put("source", Source.SELF.name());
        tree.put("sourceReference", sourceReference);
        tree.put("version", 1);
        tree.put("consent", Consent.EXPLICIT.name());
        tree.put("recordedAt", recordedAt.toString());
        return tree;
    }

    private static String newReference() {
        return "SELF-" + UUID.randomUUID();
    }

    /** Milliseconds: the stored recordedAt (microseconds) must rebuild the same instant for a retry. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** As sent (not trimmed: trimming would hide a control character from the validator), or the fallback. */
    private static String value(Map<String, String> fields, String name, String fallback) {
        String v = fields.get(name);
        return v == null || v.isEmpty() ? fallback : v;
    }

    private static void putIf(ObjectNode node, String name, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(name, value);
        }
    }
}

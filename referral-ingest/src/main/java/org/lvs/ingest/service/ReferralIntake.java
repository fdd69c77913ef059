package org.lvs.ingest.service;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.lvs.commons.problem.ProblemException;
import org.lvs.commons.text.SafeText.Kind;
import org.lvs.contract.FieldError;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.referral.Source;
import org.lvs.ingest.config.IngestConfig;
import org.lvs.ingest.domain.CsvFormatException;
import org.lvs.ingest.domain.CsvReferralRows;
import org.lvs.ingest.domain.CsvRowStream;
import org.lvs.ingest.domain.FieldRules;
import org.lvs.ingest.domain.RecordStatus;
import org.lvs.ingest.domain.ReferralValidator;
import org.lvs.ingest.domain.ValidatedRecord;
import org.lvs.ingest.persistence.IdempotencyClaim;
import org.lvs.ingest.rest.dto.BatchReceipt;

/**
 * Reads single referrals and batches (JSON and RFC 4180 CSV, both streamed with Jackson's parsers and strictly
 * UTF-8), checks whose records the caller may touch, validates every record and hands them to {@link IngestService}.
 * Bodies are never logged.
 *
 * <p>Order of refusals: a body that cannot be read or a bad batch-level field ({@code batchId}, {@code source}) is a
 * 400 and nothing of it is kept; a source the caller may not act for is a 403 and nothing of the request is kept
 * (a batch is refused whole); then each record stands on its own.
 */
@ApplicationScoped
public class ReferralIntake {

    static final FieldError RECEIVED_AT_NOT_ALLOWED =
            new FieldError("receivedAt", "only role admin may set receivedAt (historical replay)");

    private final ObjectMapper mapper = EventJson.mapper();
    private final IngestService ingest;
    private final ReferralValidators validators;
    private final SourceOwnership ownership;
    private final IngestConfig config;

    ReferralIntake(
            IngestService ingest, ReferralValidators validators, SourceOwnership ownership, IngestConfig config) {
        this.ingest = ingest;
        this.validators = validators;
        this.ownership = ownership;
        this.config = config;
    }

    /** One referral from a referrer or admin. Throws 400/403/409/413/503 problems; answers the receipt otherwise. */
    public RecordResult submit(InputStream body, boolean admin) {
        ownership.requireSomeSource();
        JsonNode tree = readTree(body, config.maxSingleBytes());
        ValidatedRecord record = validators.validator().validate(tree, null);
        if (record.receivedAtGiven() && !admin) {
            throw ProblemException.forbidden("only role admin may set receivedAt (historical replay)");
        }
        if (record.source() != null) {
            ownership.require(record.source());
        }
        return ingestOne(record, null);
    }

    /**
     * A victim's own referral, already stamped with source SELF (no ownership: the door is public). With a claim, the
     * Idempotency-Key is stored in the transaction that creates the referral.
     *
     * @return the result; CONFLICT is returned, not thrown, so the caller can say what it means for a retry
     */
    public RecordResult submitSelf(JsonNode tree, IdempotencyClaim claim) {
        ValidatedRecord record = validators.validator().validate(tree, null);
        if (!record.valid()) {
            recordRejection(record);
            throw ProblemException.badRequest(record.errors());
        }
        return ingest.ingestOne(record, UUID.randomUUID().toString(), claim);
    }

    private RecordResult ingestOne(ValidatedRecord record, IdempotencyClaim claim) {
        if (!record.valid()) {
            recordRejection(record);
            throw ProblemException.badRequest(record.errors());
        }
        RecordResult result = ingest.ingestOne(record, UUID.randomUUID().toString(), claim);
        if (result.status() == RecordStatus.CONFLICT) {
            throw ProblemException.conflict(
                    "version " + record.version()
                            + " of this referral was already received with different content; a changed record needs a higher version");
        }
        return result;
    }

    /**
     * A rejected single record still counts for intake, feed gaps and the rejections feed; that bookkeeping must not
     * turn the caller's 400 into a 503, so a failure here is left to the log.
     */
    private void recordRejection(ValidatedRecord record) {
        try {
            ingest.ingest(List.of(record), UUID.randomUUID().toString(), null, Set.of());
        } catch (ProblemException e) {
            // already logged by IngestService
        }
    }

    /** A JSON batch {@code {batchId, source, referrals:[...]}}, parsed as a stream. */
    public BatchReceipt submitJsonBatch(InputStream body, boolean admin) {
        ownership.requireSomeSource();
        String batchId = null;
        JsonToken batchIdToken = null;
        String source = null;
        boolean sourceGiven = false;
        List<JsonNode> referrals = null;
        try (JsonParser p = mapper.getFactory().createParser(limited(body, config.maxBatchBytes()))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw notABatch("the body must be a JSON object {batchId, source, referrals}");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "batchId" -> {
                        batchIdToken = value;
                        batchId = value.isScalarValue() && value != JsonToken.VALUE_NULL ? p.getText() : null;
                        p.skipChildren();
                    }
                    case "source" -> {
                        sourceGiven = value != JsonToken.VALUE_NULL;
                        source = value == JsonToken.VALUE_STRING ? p.getText() : null;
                        p.skipChildren();
                    }
                    case "referrals" -> referrals = readReferrals(p, value);
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw notABatch("unexpected content after the batch object");
            }
        } catch (BodyTooLargeException e) {
            throw tooLarge(config.maxBatchBytes());
        } catch (JsonProcessingException | CharConversionException e) {
            throw notABatch("the body is not valid JSON in UTF-8");
        } catch (IOException e) {
            throw unreadable();
        }
        if (referrals == null) {
            throw ProblemException.badRequest(
                    List.of(new FieldError("referrals", "is required: an array of referrals")));
        }
        if (batchIdToken != null && batchIdToken != JsonToken.VALUE_NULL && batchId == null) {
            throw ProblemException.badRequest(List.of(new FieldError("batchId", FieldRules.batchIdProblem(null))));
        }
        if (sourceGiven && source == null) {
            throw ProblemException.badRequest(
                    List.of(new FieldError("source", "must be a string, one of " + String.join(", ", sourceNames()))));
        }
        String id = checkedBatchId(batchId);
        Source batchSource = checkedBatchSource(source);
        if (batchSource != null) {
            ownership.require(batchSource);
        }
        ReferralValidator validator = validators.validator();
        List<ValidatedRecord> records = new ArrayList<>(referrals.size());
        for (int i = 0; i < referrals.size(); i++) {
            records.add(check(validator.validate(referrals.get(i), source), admin));
            referrals.set(i, null); // the tree is no longer needed once validated
        }
        return ingestBatch(records, id, batchSource);
    }

    private List<JsonNode> readReferrals(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw ProblemException.badRequest(List.of(new FieldError("referrals", "must be an array of referrals")));
        }
        List<JsonNode> referrals = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (referrals.size() >= config.maxBatchRecords()) {
                throw tooManyRecords();
            }
            referrals.add(p.readValueAsTree());
        }
        return referrals;
    }

    /**
     * A CSV batch: header of flattened field paths, one referral a row, the source from the query. The bytes must be
     * UTF-8: a malformed sequence is a 400, never a silent replacement character.
     */
    public BatchReceipt submitCsvBatch(InputStream body, String source, String batchId, boolean admin) {
        ownership.requireSomeSource();
        String id = checkedBatchId(batchId);
        Source batchSource = checkedBatchSource(source);
        if (batchSource != null) {
            ownership.require(batchSource);
        }
        ReferralValidator validator = validators.validator();
        List<ValidatedRecord> records = new ArrayList<>();
        CharsetDecoder strictUtf8 = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (CsvRowStream reader =
                new CsvRowStream(new InputStreamReader(limited(body, config.maxBatchBytes()), strictUtf8))) {
            CsvReferralRows rows = new CsvReferralRows(reader.next());
            for (List<String> row = reader.next(); row != null; row = reader.next()) {
                if (CsvReferralRows.isBlank(row)) {
                    continue;
                }
                if (records.size() >= config.maxBatchRecords()) {
                    throw tooManyRecords();
                }
                records.add(check(validator.validate(rows.toTree(row), source), admin));
            }
        } catch (CsvFormatException e) {
            throw notABatch("the body is not CSV with a header row: " + e.getMessage());
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof BodyTooLargeException) {
                throw tooLarge(config.maxBatchBytes());
            }
            if (e.getCause() instanceof CharacterCodingException) {
                throw notABatch("the body is not valid UTF-8");
            }
            throw unreadable();
        }
        return ingestBatch(records, id, batchSource);
    }

    /** Every valid source named by a record of the batch must be the caller's too, else the batch is refused whole. */
    private BatchReceipt ingestBatch(List<ValidatedRecord> records, String batchId, Source batchSource) {
        Set<Source> sources = new LinkedHashSet<>();
        if (batchSource != null) {
            sources.add(batchSource);
        }
        for (ValidatedRecord r : records) {
            if (r.source() != null) {
                sources.add(r.source());
            }
        }
        ownership.requireAll(sources);
        return BatchReceipt.of(
                batchId, ingest.ingest(records, "batch|" + batchId + "|" + UUID.randomUUID(), batchId, sources));
    }

    /** The batch's id as sent, or a generated one when absent; a bad one is a 400 naming {@code batchId}. */
    private static String checkedBatchId(String batchId) {
        if (batchId == null || batchId.isEmpty()) {
            return UUID.randomUUID().toString();
        }
        String problem = FieldRules.batchIdProblem(batchId);
        if (problem != null) {
            throw ProblemException.badRequest(List.of(new FieldError("batchId", problem)));
        }
        return batchId;
    }

    /** The batch's own source, null when absent; one that is no valid source is a 400 naming {@code source}. */
    private static Source checkedBatchSource(String source) {
        if (source == null) {
            return null;
        }
        String problem = FieldRules.problem(source, Kind.LINE, FieldRules.CODE);
        if (problem == null) {
            for (Source s : Source.values()) {
                if (s.name().equals(source)) {
                    return s;
                }
            }
            problem = "unknown value; must be one of " + String.join(", ", sourceNames());
        }
        throw ProblemException.badRequest(List.of(new FieldError("source", problem)));
    }

    private static List<String> sourceNames() {
        return Arrays.stream(Source.values()).map(Enum::name).toList();
    }

    private static ValidatedRecord check(ValidatedRecord record, boolean admin) {
        return record.receivedAtGiven() && !admin ? record.rejectedWith(RECEIVED_AT_NOT_ALLOWED) : record;
    }

    /** One JSON value (a single referral, a self-referral); unreadable bodies, invalid UTF-8 included, are a 400. */
    public JsonNode readTree(InputStream body, long limit) {
        try (JsonParser p = mapper.getFactory().createParser(limited(body, limit))) {
            JsonNode tree = p.readValueAsTree();
            if (tree == null) {
                throw ProblemException.badRequest("the body is empty; a referral is a JSON object");
            }
            if (p.nextToken() != null) {
                throw ProblemException.badRequest("unexpected content after the referral object");
            }
            return tree;
        } catch (BodyTooLargeException e) {
            throw tooLarge(limit);
        } catch (JsonProcessingException | CharConversionException e) {
            throw ProblemException.badRequest("the body is not valid JSON in UTF-8");
        } catch (IOException e) {
            throw unreadable();
        }
    }

    private static InputStream limited(InputStream body, long limit) {
        return new LimitedInputStream(body == null ? InputStream.nullInputStream() : body, limit);
    }

    private static ProblemException tooLarge(long limit) {
        return ProblemException.payloadTooLarge("the body is larger than " + limit + " bytes");
    }

    private static ProblemException unreadable() {
        return ProblemException.badRequest("the body could not be read");
    }

    private ProblemException tooManyRecords() {
        return ProblemException.payloadTooLarge(
                "a batch holds at most " + config.maxBatchRecords() + " records; nothing of it was accepted");
    }

    private static ProblemException notABatch(String detail) {
        return ProblemException.badRequest("not a batch: " + detail + "; nothing of it was accepted");
    }
}

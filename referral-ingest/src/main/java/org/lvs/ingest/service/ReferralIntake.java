package org.lvs.ingest.service;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.lvs.commons.problem.ProblemException;
import org.lvs.contract.FieldError;
import org.lvs.contract.event.EventJson;
import org.lvs.ingest.config.IngestConfig;
import org.lvs.ingest.domain.CsvFormatException;
import org.lvs.ingest.domain.CsvReader;
import org.lvs.ingest.domain.CsvReferralRows;
import org.lvs.ingest.domain.RecordStatus;
import org.lvs.ingest.domain.ReferralValidator;
import org.lvs.ingest.domain.ValidatedRecord;

/**
 * Reads single referrals and batches (JSON streamed with Jackson's parser, CSV with the RFC 4180 reader), validates
 * every record and hands them to {@link IngestService}. Bodies are never logged.
 */
@ApplicationScoped
public class ReferralIntake {

    static final FieldError RECEIVED_AT_NOT_ALLOWED =
            new FieldError("receivedAt", "only role admin may set receivedAt (historical replay)");

    private final ObjectMapper mapper = EventJson.mapper();

    @Inject
    IngestService ingest;
    @Inject
    ReferralValidators validators;
    @Inject
    IngestConfig config;

    /** One referral. Throws 400/403/409/413/503 problems; answers the receipt otherwise. */
    public RecordResult submit(InputStream body, boolean admin) {
        JsonNode tree = readTree(body, config.maxSingleBytes());
        return submitTree(tree, admin);
    }

    /** One referral already read as a tree (also the self-referral path). */
    public RecordResult submitTree(JsonNode tree, boolean admin) {
        ValidatedRecord record = validators.validator().validate(tree, null);
        if (record.receivedAtGiven() && !admin) {
            throw ProblemException.forbidden("only role admin may set receivedAt (historical replay)");
        }
        if (!record.valid()) {
            recordRejection(record);
            throw ProblemException.badRequest(record.errors());
        }
        RecordResult result = ingest.ingest(List.of(record), UUID.randomUUID().toString(), null).get(0);
        if (result.status() == RecordStatus.CONFLICT) {
            throw ProblemException.conflict("version " + record.version()
                    + " of this referral was already received with different content; a changed record needs a higher version");
        }
        return result;
    }

    /**
     * A rejected single record still counts for intake and feed gaps; that bookkeeping must not turn the caller's
     * 400 into a 503, so a failure here is left to the log.
     */
    private void recordRejection(ValidatedRecord record) {
        try {
            ingest.ingest(List.of(record), UUID.randomUUID().toString(), null);
        } catch (ProblemException e) {
            // already logged by IngestService
        }
    }

    /** A JSON batch {@code {batchId, source, referrals:[...]}}, parsed as a stream. */
    public BatchReceipt submitJsonBatch(InputStream body, boolean admin) {
        String batchId = null;
        String source = null;
        List<JsonNode> referrals = null;
        try (JsonParser p = mapper.getFactory().createParser(limited(body, config.maxBatchBytes()))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw notABatch("the body must be a JSON object {batchId, source, referrals}");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "batchId" -> batchId = value.isScalarValue() && value != JsonToken.VALUE_NULL ? p.getText() : null;
                    case "source" -> source = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "referrals" -> referrals = readReferrals(p, value);
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw notABatch("unexpected content after the batch object");
            }
        } catch (BodyTooLargeException e) {
            throw tooLarge(config.maxBatchBytes());
        } catch (JsonProcessingException e) {
            throw notABatch("the body is not valid JSON");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (referrals == null) {
            throw ProblemException.badRequest(List.of(new FieldError("referrals", "is required: an array of referrals")));
        }
        ReferralValidator validator = validators.validator();
        List<ValidatedRecord> records = new ArrayList<>(referrals.size());
        for (int i = 0; i < referrals.size(); i++) {
            records.add(check(validator.validate(referrals.get(i), source), admin));
            referrals.set(i, null); // the tree is no longer needed once validated
        }
        return ingestBatch(records, batchId);
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

    /** A CSV batch: header of flattened field paths, one referral a row, the source from the query. */
    public BatchReceipt submitCsvBatch(InputStream body, String source, String batchId, boolean admin) {
        ReferralValidator validator = validators.validator();
        List<ValidatedRecord> records = new ArrayList<>();
        try {
            CsvReader reader = new CsvReader(new InputStreamReader(limited(body, config.maxBatchBytes()),
                    StandardCharsets.UTF_8));
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
            throw e;
        }
        return ingestBatch(records, batchId);
    }

    private BatchReceipt ingestBatch(List<ValidatedRecord> records, String batchId) {
        String id = batchId == null || batchId.isBlank() ? UUID.randomUUID().toString() : batchId;
        return BatchReceipt.of(id, ingest.ingest(records, "batch|" + id + "|" + UUID.randomUUID(), id));
    }

    private static ValidatedRecord check(ValidatedRecord record, boolean admin) {
        return record.receivedAtGiven() && !admin ? record.rejectedWith(RECEIVED_AT_NOT_ALLOWED) : record;
    }

    private JsonNode readTree(InputStream body, long limit) {
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
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("the body is not valid JSON");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream limited(InputStream body, long limit) {
        return new LimitedInputStream(body == null ? InputStream.nullInputStream() : body, limit);
    }

    private static ProblemException tooLarge(long limit) {
        return ProblemException.payloadTooLarge("the body is larger than " + limit + " bytes");
    }

    private ProblemException tooManyRecords() {
        return ProblemException.payloadTooLarge(
                "a batch holds at most " + config.maxBatchRecords() + " records; nothing of it was accepted");
    }

    private static ProblemException notABatch(String detail) {
        return ProblemException.badRequest("not a batch: " + detail + "; nothing of it was accepted");
    }
}

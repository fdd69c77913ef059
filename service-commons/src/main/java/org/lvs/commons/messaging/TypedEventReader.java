package org.lvs.commons.messaging;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.lvs.commons.text.SafeText;
import org.lvs.contract.event.EventJson;

/**
 * Reads an event envelope and its payload in one pass, every text value checked with {@link SafeText} as it is read.
 * The contract's own reading keeps the payload as a JSON tree and reads the tree a second time into the payload's
 * type; a profile of contact-sla's intake put those passes and the tree walk of the text check at about a quarter of
 * its consumer time.
 *
 * <p>Only what this pass accepts whole comes back: a field the types do not know, a text value {@link SafeText}
 * refuses, a value of the wrong JSON kind, a duplicate key or anything it cannot read gives empty. The caller then
 * reads the record the contract's way, which gives the same event or the same refusal (with its dead-letter
 * reason) as before this reader existed: this is a fast path, never a second set of rules.
 */
public final class TypedEventReader<T> {

    /** The envelope with its payload already of its type. */
    public record Typed<T>(UUID eventId, String type, Instant occurredAt, int schemaVersion, T payload) {}

    private static final ObjectMapper STRICT = strictMapper();

    private final ObjectReader reader;
    private final Set<String> eventTypes;

    /** A reader of the events of these types (a topic's), whose payloads are {@code payloadType}. */
    public TypedEventReader(Class<T> payloadType, Set<String> eventTypes) {
        JavaType type = STRICT.getTypeFactory().constructParametricType(Typed.class, payloadType);
        this.reader = STRICT.readerFor(type);
        this.eventTypes = Set.copyOf(eventTypes);
    }

    public TypedEventReader(Class<T> payloadType, String eventType) {
        this(payloadType, Set.of(eventType));
    }

    /**
     * The record's event when it is one of this reader's types and this pass vouches for all of it (an identified,
     * dated envelope with a payload); empty when only the contract's reading can say.
     */
    public Optional<Typed<T>> read(String json) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            Typed<T> typed = reader.readValue(json);
            return typed == null
                            || typed.eventId() == null
                            || typed.occurredAt() == null
                            || typed.payload() == null
                            || !eventTypes.contains(typed.type())
                    ? Optional.empty()
                    : Optional.of(typed);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static ObjectMapper strictMapper() {
        SimpleModule safeText = new SimpleModule("safe-text").addDeserializer(String.class, new SafeString());
        return EventJson.configure(JsonMapper.builder()
                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .build())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .registerModule(safeText);
    }

    /**
     * A text value, taken only from a JSON string that {@link SafeText} accepts as free text (what the contract's
     * reading checks every text value of a payload against); anything else fails this pass.
     */
    static final class SafeString extends StdScalarDeserializer<String> {

        SafeString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String text = parser.getText();
            if (SafeText.problem(text, SafeText.Kind.FREE_TEXT, Integer.MAX_VALUE) != null) {
                return (String) context.handleWeirdStringValue(String.class, text, "refused text");
            }
            return text;
        }
    }
}

package org.lvs.contract.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.ser.InstantSerializer;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The one JSON mapping of events: ISO-8601 instants, unknown fields ignored (producers may add fields before
 * consumers read them), nulls written so absent facts are explicit.
 */
public final class EventJson {

    /** Instants in the common form through {@link InstantText}; every other form as {@link JavaTimeModule} has it. */
    private static final SimpleModule INSTANT_TEXT = new SimpleModule("instant-text")
            .addSerializer(Instant.class, new InstantWriter())
            .addDeserializer(Instant.class, new InstantReader());

    // after INSTANT_TEXT: configure reads it
    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private EventJson() {}

    /** Applies the contract's settings to a mapper (also used for services' REST mappers, so both agree). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .registerModule(INSTANT_TEXT) // registered later, so it comes before the module's own instants
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .setSerializationInclusion(JsonInclude.Include.ALWAYS);
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write event JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads an envelope from topic text.
     *
     * @throws MalformedEventException when the text is not an envelope; consumers send such records to the DLQ
     */
    public static EventEnvelope read(String json) {
        try {
            EventEnvelope envelope = MAPPER.readValue(json, EventEnvelope.class);
            if (envelope == null) {
                throw new MalformedEventException("empty event");
            }
            return envelope;
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not an event envelope: " + whereAndWhat(e), e);
        } catch (NullPointerException | IllegalArgumentException e) {
            throw new MalformedEventException(
                    "incomplete event envelope: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * The text of {@code EventEnvelope.of(eventId, type, occurredAt, payload).toJson()}, written without the tree: the
     * same properties in the same order, the payload by its own type's serializer.
     */
    static String writeEnvelope(UUID eventId, String type, Instant occurredAt, Object payload) {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
        return write(new Unbuilt(eventId, type, occurredAt, EventEnvelope.SCHEMA_VERSION, payload));
    }

    /** {@link EventEnvelope}'s shape, with the payload as it is instead of a tree. */
    private record Unbuilt(UUID eventId, String type, Instant occurredAt, int schemaVersion, Object payload) {}

    static JsonNode toTree(Object payload) {
        return MAPPER.valueToTree(payload);
    }

    static <T> T fromTree(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("payload is not a " + type.getSimpleName() + ": " + whereAndWhat(e), e);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(
                    "payload is not a " + type.getSimpleName() + ": "
                            + e.getClass().getSimpleName(),
                    e);
        }
    }

    /**
     * The kind of a JSON error, the field path and the position, never Jackson's message: it may quote the offending
     * value, which can be personal data. Dead letters carry this text in their headers.
     */
    static String whereAndWhat(JsonProcessingException e) {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName());
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            text.append(" at ")
                    .append(mapping.getPath().stream()
                            .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                            .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                            .orElse(""));
        }
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            text.append(" (line ")
                    .append(e.getLocation().getLineNr())
                    .append(", column ")
                    .append(e.getLocation().getColumnNr())
                    .append(')');
        }
        return text.toString();
    }

    /** Writes an instant as {@link InstantSerializer} does, without its formatter when the text form is wanted. */
    static final class InstantWriter extends StdSerializer<Instant> {

        InstantWriter() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            if (provider.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)) {
                InstantSerializer.INSTANCE.serialize(value, generator, provider);
            } else {
                generator.writeString(InstantText.format(value));
            }
        }
    }

    /** Reads the common form through {@link InstantText}; anything else (or a refusal) as {@link InstantDeserializer}. */
    static final class InstantReader extends StdScalarDeserializer<Instant> {

        InstantReader() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                Instant common = InstantText.parseCommon(parser.getText());
                if (common != null) {
                    return common;
                }
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }
}

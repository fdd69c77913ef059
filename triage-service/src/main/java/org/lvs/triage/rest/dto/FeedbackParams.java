package org.lvs.triage.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.lvs.commons.rest.validation.IsoInstant;
import org.lvs.commons.rest.validation.TimeText;
import org.lvs.contract.referral.Source;
import org.lvs.triage.rest.validation.OneFeedbackReading;

/**
 * The query of {@code GET /api/v1/triage/feedback}, checked by Bean Validation so that one 400 names every bad
 * parameter. With {@code after}, or without {@code since}, it is the cursor ({@code after}, {@code limit}); with
 * {@code since} alone, the paged reading ({@code page}, {@code size}).
 */
@OneFeedbackReading
public record FeedbackParams(
        @Parameter(
                description = "The source whose feedback to read",
                required = true,
                schema =
                        @Schema(
                                type = SchemaType.STRING,
                                enumeration = {"ADT", "OFFICER_DIRECT", "MASH", "PARTNER", "SELF"}))
        @QueryParam("source")
        @NotBlank(message = "is required: one of " + SOURCE_NAMES)
        @Pattern(regexp = SOURCE_PATTERN, message = "must be one of " + SOURCE_NAMES)
        String source,

        @Parameter(
                description = "Only versions received at or after this instant; without after, the paged "
                        + "reading by receivedAt",
                schema = @Schema(type = SchemaType.STRING, format = "date-time"))
        @QueryParam("since")
        @IsoInstant(lenient = false, message = SINCE_FORM)
        String since,

        @Parameter(
                description = "Only decisions that are still their referral's latest",
                schema = @Schema(type = SchemaType.BOOLEAN))
        @QueryParam("pending")
        @Pattern(regexp = "(?i)\\s*(true|false)?\\s*", message = "must be true or false")
        String pending,

        @Parameter(
                description = "The last position seen (default 0): decisions after it",
                schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
        @QueryParam("after")
        @Min(value = 0, message = "must be a position: an integer from 0")
        Long after,

        @Parameter(
                description = "At most this many decisions (with after; default 100)",
                schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000"))
        @QueryParam("limit")
        @Min(value = 1, message = SIZE_RANGE)
        @Max(value = MAX_SIZE, message = SIZE_RANGE)
        Integer limit,

        @Parameter(
                description = "Page number of the paged reading (with since, without after; from 0)",
                schema = @Schema(type = SchemaType.INTEGER, minimum = "0"))
        @QueryParam("page")
        @Min(value = 0, message = PAGE_RANGE)
        @Max(value = MAX_PAGE, message = PAGE_RANGE)
        Integer page,

        @Parameter(
                description = "Page size of the paged reading (default 100)",
                schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000"))
        @QueryParam("size")
        @Min(value = 1, message = SIZE_RANGE)
        @Max(value = MAX_SIZE, message = SIZE_RANGE)
        Integer size) {

    public static final int DEFAULT_SIZE = 100;
    public static final int MAX_SIZE = 1000;
    /** So that page × size stays an int offset. */
    static final int MAX_PAGE = Integer.MAX_VALUE / MAX_SIZE;

    static final String SOURCE_NAMES = "ADT, OFFICER_DIRECT, MASH, PARTNER, SELF";
    /** The {@link Source} names; blank is left to {@code @NotBlank}, surrounding spaces are ignored. */
    static final String SOURCE_PATTERN = "\\s*(ADT|OFFICER_DIRECT|MASH|PARTNER|SELF)?\\s*";

    /** {@code since} is read as {@code OffsetDateTime.parse} reads it: no leap second, no {@code 24:00}. */
    static final String SINCE_FORM = "must be an ISO-8601 instant with offset, e.g. 2017-08-01T00:00:00Z";

    static final String SIZE_RANGE = "must be an integer from 1 to " + MAX_SIZE;
    static final String PAGE_RANGE = "must be an integer from 0 to " + MAX_PAGE;

    /** The cursor reading: {@code after} given, or no {@code since}. */
    public boolean cursor() {
        return after != null || since == null || since.isBlank();
    }

    public Source sourceName() {
        return Source.valueOf(source.trim());
    }

    public Instant sinceInstant() {
        return TimeText.instant(since, false);
    }

    public boolean pendingOnly() {
        return pending != null && Boolean.parseBoolean(pending.trim());
    }

    public long afterOrStart() {
        return after == null ? 0 : after;
    }

    public int limitOrDefault() {
        return limit == null ? DEFAULT_SIZE : limit;
    }

    public int pageOrFirst() {
        return page == null ? 0 : page;
    }

    public int sizeOrDefault() {
        return size == null ? DEFAULT_SIZE : size;
    }
}

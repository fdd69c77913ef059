package org.lvs.ingest.rest.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The feed numbers of a source that never arrived, as inclusive ranges between the lowest and highest seen.
 *
 * @param missing how many numbers the gaps hold in all
 */
@Schema(name = "FeedGaps", example = """
        {"source":"ADT","lowest":40200,"highest":40213,"received":11,"missing":3,
         "gaps":[{"from":40203,"to":40204},{"from":40210,"to":40210}]}""")
public record FeedGaps(String source, Long lowest, Long highest, long received, long missing, List<Range> gaps) {

    public record Range(long from, long to) {}
}

package org.lvs.tools.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvExtractTest {

    @Test
    void cellsAreQuotedAsRfc4180Says() {
        assertEquals("", CsvExtract.cell(null));
        assertEquals("plain", CsvExtract.cell("plain"));
        assertEquals("\"a,b\"", CsvExtract.cell("a,b"));
        assertEquals("\"O\"\"Neill\"", CsvExtract.cell("O\"Neill"));
    }

    @Test
    void writesOneHeaderedFilePerSourceWithEveryRecord(@TempDir Path dir) throws Exception {
        Feed feed = FeedGenerator.generate(FeedSettings.seedReport(3).scaled(0.02));
        List<Path> files = CsvExtract.write(feed, dir, false);
        long rows = 0;
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            assertEquals(String.join(",", CsvExtract.COLUMNS), lines.get(0));
            rows += lines.size() - 1;
            for (String line : lines.subList(1, lines.size())) {
                assertTrue(line.split(",", -1).length >= CsvExtract.COLUMNS.size(), "every column present");
            }
        }
        assertEquals(feed.firstVersions().size() + feed.amendments().size(), rows);
    }
}

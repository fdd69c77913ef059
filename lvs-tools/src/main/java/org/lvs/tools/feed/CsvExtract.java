package org.lvs.tools.feed;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.lvs.contract.referral.Referral;
import org.lvs.contract.referral.Source;
import org.lvs.contract.referral.Victim;

/**
 * The feed as CSV extracts for {@code POST /api/v1/referrals/batch} with {@code Content-Type: text/csv} and
 * {@code ?source=…} (referral-contract.md): one file per source, RFC 4180, flattened column names, lists joined by
 * {@code |}. Files of at most 10,000 rows, the batch limit.
 */
public final class CsvExtract {

    public static final List<String> COLUMNS = List.of(
            "sourceReference",
            "version",
            "feedSequence",
            "recordedAt",
            "receivedAt",
            "area",
            "crime.category",
            "crime.hateStrands",
            "crime.description",
            "victim.personRef",
            "victim.firstName",
            "victim.lastName",
            "victim.dateOfBirth",
            "victim.gender",
            "victim.phone",
            "victim.email",
            "victim.address.line1",
            "victim.address.town",
            "victim.address.postcode",
            "victim.preferredContact",
            "victim.vulnerabilities",
            "consent",
            "riskLevel",
            "safeguarding.unsafeToContact",
            "howHeard");

    public static final int MAX_ROWS = 10_000;

    private CsvExtract() {}

    /** Writes {@code <source>-<n>.csv} files into {@code dir}; returns the files written. */
    public static List<Path> write(Feed feed, Path dir, boolean withReceivedAt) throws IOException {
        Files.createDirectories(dir);
        Map<Source, List<Referral>> bySource = new EnumMap<>(Source.class);
        List<Referral> all = new ArrayList<>(feed.firstVersions());
        all.addAll(feed.amendments());
        for (Referral r : all) {
            bySource.computeIfAbsent(r.source(), s -> new ArrayList<>()).add(r);
        }
        List<Path> files = new ArrayList<>();
        for (Map.Entry<Source, List<Referral>> e : bySource.entrySet()) {
            List<Referral> rows = e.getValue();
            for (int from = 0, part = 1; from < rows.size(); from += MAX_ROWS, part++) {
                Path file =
                        dir.resolve("%s-%02d.csv".formatted(e.getKey().name().toLowerCase(), part));
                try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    w.write(String.join(",", COLUMNS));
                    w.write("\r\n");
                    for (Referral r : rows.subList(from, Math.min(rows.size(), from + MAX_ROWS))) {
                        w.write(row(r, withReceivedAt));
                        w.write("\r\n");
                    }
                }
                files.add(file);
            }
        }
        return files;
    }

    static String row(Referral r, boolean withReceivedAt) {
        Victim v = r.victim();
        List<Object> cells = new ArrayList<>();
        cells.add(r.sourceReference());
        cells.add(r.version());
        cells.add(r.feedSequence());
        cells.add(FeedJson.london(r.recordedAt()));
        cells.add(withReceivedAt ? FeedJson.london(r.receivedAt()) : null);
        cells.add(r.area());
        cells.add(r.crime().category());
        cells.add(r.crime().hateStrands().stream().map(Enum::name).collect(Collectors.joining("|")));
        cells.add(r.crime().description());
        cells.add(v == null ? null : v.personRef());
        cells.add(v == null ? null : v.firstName());
        cells.add(v == null ? null : v.lastName());
        cells.add(v == null ? null : v.dateOfBirth());
        cells.add(v == null ? null : v.gender());
        cells.add(v == null ? null : v.phone());
        cells.add(v == null ? null : v.email());
        cells.add(v == null || v.address() == null ? null : v.address().line1());
        cells.add(v == null || v.address() == null ? null : v.address().town());
        cells.add(v == null || v.address() == null ? null : v.address().postcode());
        cells.add(v == null ? null : v.preferredContact());
        cells.add(
                v == null ? null : v.vulnerabilities().stream().map(Enum::name).collect(Collectors.joining("|")));
        cells.add(r.consent());
        cells.add(r.riskLevel());
        cells.add(r.safeguarding().unsafeToContact());
        cells.add(r.howHeard());
        return cells.stream().map(CsvExtract::cell).collect(Collectors.joining(","));
    }

    /** RFC 4180: quote when the value holds a comma, quote, CR or LF; double the quotes. Null is empty. */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}

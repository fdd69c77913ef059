package org.lvs.e2e.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lvs.e2e.KafkaTool;

/**
 * Looks for a victim's personal data everywhere the system keeps anything: every column of every table of every
 * schema (through information_schema, each value cast to text), whole topics (keys, values and headers), and log
 * files. Reports where (schema.table.column, topic@partition/offset, file:line) and which item (e.g. "phone"), never
 * the value itself.
 */
final class PersonalDataScan {

    /** The items to look for: name of the item → the texts that would betray it (matched case-insensitively). */
    private final Map<String, List<String>> needles;

    PersonalDataScan(Map<String, List<String>> needles) {
        this.needles = needles;
    }

    List<String> tables(String jdbcUrl, String user, String password) {
        List<String> found = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            List<String[]> columns = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("""
                    select c.table_schema, c.table_name, c.column_name
                    from information_schema.columns c
                    join information_schema.tables t
                      on t.table_schema = c.table_schema and t.table_name = c.table_name
                    where t.table_type = 'BASE TABLE'
                      and c.table_schema not in ('pg_catalog', 'information_schema')
                      and c.table_schema not like 'pg_toast%'
                      and c.data_type <> 'bytea'
                    order by 1, 2, 3""")) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            for (String[] column : columns) {
                String sql = "select count(*) from " + quote(column[0]) + "." + quote(column[1])
                        + " where strpos(lower(" + quote(column[2]) + "::text), ?) > 0";
                try (PreparedStatement query = connection.prepareStatement(sql)) {
                    for (Map.Entry<String, List<String>> item : needles.entrySet()) {
                        for (String needle : item.getValue()) {
                            query.setString(1, needle.toLowerCase(Locale.ROOT));
                            try (ResultSet rs = query.executeQuery()) {
                                rs.next();
                                if (rs.getLong(1) > 0) {
                                    found.add(item.getKey() + " in table " + column[0] + "." + column[1] + "."
                                            + column[2] + " (" + rs.getLong(1) + " row(s))");
                                }
                            }
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot scan the database: " + e, e);
        }
        return found;
    }

    /** Every record of each topic (that exists) from its beginning. */
    List<String> topics(KafkaTool kafka, Collection<String> topics) {
        List<String> found = new ArrayList<>();
        var existing = kafka.topics();
        for (String topic : topics) {
            if (!existing.contains(topic)) {
                continue;
            }
            for (KafkaTool.Raw record : kafka.readAll(topic)) {
                StringBuilder text = new StringBuilder();
                text.append(record.key()).append('\n').append(record.value()).append('\n');
                record.headers()
                        .forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
                for (String item : itemsIn(text.toString())) {
                    found.add(item + " on topic " + topic + "@" + record.partition() + "/" + record.offset());
                }
            }
        }
        return found;
    }

    List<String> logs(Collection<Path> files) {
        List<String> found = new ArrayList<>();
        for (Path file : files) {
            if (!Files.exists(file)) {
                continue;
            }
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
                for (int i = 0; i < lines.size(); i++) {
                    String line =
                            new String(lines.get(i).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
                    for (String item : itemsIn(line)) {
                        found.add(item + " in log " + file.getFileName() + ":" + (i + 1));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    private List<String> itemsIn(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> items = new ArrayList<>();
        for (Map.Entry<String, List<String>> item : needles.entrySet()) {
            if (item.getValue().stream().anyMatch(n -> lower.contains(n.toLowerCase(Locale.ROOT)))) {
                items.add(item.getKey());
            }
        }
        return items;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}

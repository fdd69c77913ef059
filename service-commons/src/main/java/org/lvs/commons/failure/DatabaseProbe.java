package org.lvs.commons.failure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Asks whether the database answers at all. A failure nobody recognises is treated as transient while the database
 * does not answer, so an outage never dead-letters a valid record.
 */
@ApplicationScoped
public class DatabaseProbe {

    private final Instance<DataSource> dataSource;

    DatabaseProbe(Instance<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    /** True when a connection can be had and {@code select 1} answers within a few seconds. */
    public boolean answers() {
        if (!dataSource.isResolvable()) {
            return true;
        }
        try (Connection connection = dataSource.get().getConnection();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(3);
            statement.execute("select 1");
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}

package com.trafficmanager.console.connect;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** PostgreSQL answers when a pooled connection passes its validity check. */
public final class PostgresProbe implements ServerProbe {
    private final DataSource dataSource;

    public PostgresProbe(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String server() {
        return "PostgreSQL";
    }

    @Override
    public void check() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!c.isValid(3)) {
                throw new SQLException("connection is not valid");
            }
        }
    }
}

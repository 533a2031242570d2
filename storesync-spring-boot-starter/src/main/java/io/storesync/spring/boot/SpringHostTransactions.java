package io.storesync.spring.boot;

import io.storesync.jdbi.HostTransactions;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Joins Spring-managed transactions: inside the host's {@code @Transactional} (a {@code DataSourceTransactionManager}
 * or {@code JpaTransactionManager} on the same DataSource), a StoreSync call runs on the transaction's connection.
 * Outside a transaction, or on a connection Spring left in auto-commit, StoreSync runs its own.
 */
final class SpringHostTransactions implements HostTransactions {

    @Override
    public @Nullable Connection current(DataSource dataSource) throws SQLException {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) return null;
        Connection c = DataSourceUtils.getConnection(dataSource);
        if (c.getAutoCommit()) {
            // not a transaction StoreSync can join (e.g. synchronisation without a JDBC transaction): work on its own
            DataSourceUtils.releaseConnection(c, dataSource);
            return null;
        }
        return c;
    }

    @Override
    public void release(Connection connection, DataSource dataSource) {
        DataSourceUtils.releaseConnection(connection, dataSource);
    }
}

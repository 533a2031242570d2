package io.storesync.testkit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A pool that counts the connections it hands out, optionally in read-only sessions: a stand-in for a read replica
 * in tests that prove which calls reach it (and, read-only, that no write does, since PostgreSQL refuses them).
 */
public final class CountingDataSource {
    private final AtomicInteger connections = new AtomicInteger();
    private final DataSource dataSource;

    private CountingDataSource(DataSource pool, boolean readOnly) {
        Objects.requireNonNull(pool, "pool");
        this.dataSource = (DataSource) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(pool, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("getConnection")) {
                        if (readOnly) {
                            try (Statement s = ((Connection) result).createStatement()) {
                                s.execute("SET SESSION default_transaction_read_only = on");
                            }
                        }
                        connections.incrementAndGet();
                    }
                    return result;
                });
    }

    /** Counts {@code pool}'s connections. */
    public static CountingDataSource of(DataSource pool) {
        return new CountingDataSource(pool, false);
    }

    /** Counts {@code pool}'s connections, each in a read-only session (set here, whatever the code under test does). */
    public static CountingDataSource readOnly(DataSource pool) {
        return new CountingDataSource(pool, true);
    }

    /** The pool to hand to the code under test. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Connections handed out so far. */
    public int connections() {
        return connections.get();
    }
}

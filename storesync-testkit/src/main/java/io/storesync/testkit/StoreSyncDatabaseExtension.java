package io.storesync.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class its own freshly migrated database: declare a {@link TestDatabase} parameter on a test,
 * a lifecycle method or the constructor. The database is dropped after the class.
 *
 * <pre>{@code
 * @ExtendWith(StoreSyncDatabaseExtension.class)
 * class MyIT {
 *     @Test void works(TestDatabase db) { StoreSync s = db.storeSync(); ... }
 * }
 * }</pre>
 */
public final class StoreSyncDatabaseExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(StoreSyncDatabaseExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        database(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TestDatabase db = context.getStore(NS).remove(context.getRequiredTestClass(), TestDatabase.class);
        if (db != null) db.close();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return database(context);
    }

    private static TestDatabase database(ExtensionContext context) {
        return context.getStore(NS).computeIfAbsent(context.getRequiredTestClass(),
                c -> TestDatabase.create(), TestDatabase.class);
    }
}

package io.storesync.spring.boot;

import io.storesync.StoreSync;
import io.storesync.api.Secret;
import io.storesync.api.StoreSyncException;
import io.storesync.api.ErrorCode;
import io.storesync.api.StoreSyncListener;
import io.storesync.api.job.JobInterceptor;
import io.storesync.api.job.WorkerOptions;
import io.storesync.api.store.CredentialKeys;
import io.storesync.jdbi.HostTransactions;
import io.storesync.connector.kit.ConnectorEventListener;
import io.storesync.spi.connector.ConnectorProvider;
import io.storesync.spi.connector.ConnectorSettings;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * StoreSync on the host's {@link DataSource}: the migration as the owner role (a database initializer, never a
 * {@code Flyway} bean), the {@link StoreSync} bean joining the host's Spring transactions, and the workers as a
 * {@link org.springframework.context.SmartLifecycle}. Every bean backs off when the host defines its own.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(StoreSync.class)
@ConditionalOnBean(DataSource.class)
@ConditionalOnBooleanProperty(name = "storesync.enabled", matchIfMissing = true)
@EnableConfigurationProperties(StoreSyncProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public class StoreSyncAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "storesync.migration.enabled", matchIfMissing = true)
    StoreSyncMigrator storeSyncMigrator(DataSource dataSource, StoreSyncProperties properties) {
        StoreSyncProperties.Migration m = properties.getMigration();
        if (m.getUser() == null) {
            throw new StoreSyncException(ErrorCode.CONFIGURATION, "storesync.migration.user is not set: StoreSync"
                    + " migrates its schema as the owner role, not as the application role the DataSource connects as;"
                    + " set storesync.migration.user and password, or storesync.migration.enabled=false and migrate"
                    + " out of band");
        }
        String url = m.getUrl() != null ? m.getUrl() : metaData(dataSource, DatabaseMetaData::getURL);
        String appRole = m.getApplicationRole() != null ? m.getApplicationRole()
                : metaData(dataSource, DatabaseMetaData::getUserName);
        DriverManagerDataSource owner = new DriverManagerDataSource(url, m.getUser(),
                m.getPassword() == null ? "" : m.getPassword());
        return new StoreSyncMigrator(owner, properties.getSchema(), appRole);
    }

    private static String metaData(DataSource dataSource, MetaDataRead read) {
        try {
            return JdbcUtils.extractDatabaseMetaData(dataSource, md -> read.apply(md));
        } catch (MetaDataAccessException e) {
            throw new StoreSyncException(ErrorCode.CONFIGURATION, "reading the DataSource's URL and user failed", e);
        }
    }

    @FunctionalInterface
    private interface MetaDataRead {
        String apply(DatabaseMetaData md) throws SQLException;
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @DependsOnDatabaseInitialization
    StoreSync storeSync(DataSource dataSource, StoreSyncProperties properties,
            ObjectProvider<ConnectorProvider> connectors, ObjectProvider<StoreSyncListener> listeners,
            ObjectProvider<CredentialKeys> credentialKeys, ObjectProvider<StoreSyncBuilderCustomizer> customizers,
            ObjectProvider<ConnectorEventListener> connectorListeners, ObjectProvider<StoreSyncReadReplica> replica,
            ObjectProvider<JobInterceptor> jobInterceptor) {
        StoreSync.Builder builder = StoreSync.builder()
                .dataSource(dataSource)
                .schema(properties.getSchema())
                .maxWebhookBodyBytes(properties.getWebhookMaxBodyBytes())
                .persistence(HostTransactions.persistence(new SpringHostTransactions()));
        replica.ifAvailable(r -> builder.readReplica(r.dataSource()));
        jobInterceptor.ifUnique(builder::jobInterceptor);
        properties.getConnectors().forEach((platform, c) -> builder.connectorSettings(settings(platform, c)));
        connectors.orderedStream().forEach(builder::connector);
        List<StoreSyncListener> all = listeners.orderedStream().toList();
        if (all.size() == 1) builder.listener(all.get(0));
        else if (!all.isEmpty()) builder.listener(new CompositeStoreSyncListener(all));
        // the shipped connectors (and any built on the connector kit) tell these of every HTTP call they make
        List<ConnectorEventListener> calls = connectorListeners.orderedStream().toList();
        if (!calls.isEmpty()) builder.connectorTag(ConnectorEventListener.class, CompositeConnectorEventListener.of(calls));
        CredentialKeys keys = credentialKeys.getIfAvailable(() -> keys(properties.getCredentialKeys()));
        if (keys != null) builder.credentialKeys(keys);
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return builder.build();
    }

    private static ConnectorSettings settings(String platform, StoreSyncProperties.Connector c) {
        Map<String, Secret> secrets = new LinkedHashMap<>();
        c.getSecrets().forEach((k, v) -> secrets.put(k, Secret.of(v)));
        return new ConnectorSettings(platform, c.getValues(), secrets);
    }

    private static CredentialKeys keys(StoreSyncProperties.CredentialKeys p) {
        if (p.getCurrent() == null && p.getKeys().isEmpty()) return null;
        if (p.getCurrent() == null) {
            throw new StoreSyncException(ErrorCode.CONFIGURATION, "storesync.credential-keys.current is not set");
        }
        Map<String, Secret> keys = new LinkedHashMap<>();
        p.getKeys().forEach((id, base64) -> {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(base64.trim());
            } catch (IllegalArgumentException e) {
                // the message names the key id only, never the value
                throw new StoreSyncException(ErrorCode.CONFIGURATION,
                        "storesync.credential-keys.keys." + id + " is not Base64");
            }
            keys.put(id, Secret.ofBytes(bytes));
        });
        return CredentialKeys.of(p.getCurrent(), keys);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "storesync.read-replica.url")
    StoreSyncReadReplica storeSyncReadReplica(StoreSyncProperties properties) {
        StoreSyncProperties.ReadReplica r = properties.getReadReplica();
        return StoreSyncReadReplica.owned(DataSourceBuilder.create().url(r.getUrl()).username(r.getUsername())
                .password(r.getPassword()).build());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "storesync.worker.enabled", matchIfMissing = true)
    StoreSyncWorkersLifecycle storeSyncWorkers(StoreSync storeSync, StoreSyncProperties properties) {
        StoreSyncProperties.Worker w = properties.getWorker();
        WorkerOptions options = WorkerOptions.defaults(w.getThreads())
                .withLease(w.getLease(), w.getHeartbeat())
                .withShutdownTimeout(w.getShutdownTimeout())
                .withMissedWebhookSweepInterval(w.getMissedWebhookSweepInterval());
        return new StoreSyncWorkersLifecycle(storeSync, options);
    }

    /** Workers start with the context even when the host turns on lazy initialisation. */
    @Bean
    static LazyInitializationExcludeFilter storeSyncWorkersLazyInitializationExcludeFilter() {
        return LazyInitializationExcludeFilter.forBeanTypes(StoreSyncWorkersLifecycle.class);
    }

    @Bean
    @ConditionalOnMissingBean
    StoreSyncOperations storeSyncOperations(DataSource dataSource, StoreSyncProperties properties) {
        return new StoreSyncOperations(dataSource, properties.getSchema());
    }
}

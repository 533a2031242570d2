package io.storesync.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import io.storesync.micrometer.StoreSyncConnectorMetrics;
import io.storesync.micrometer.StoreSyncMetrics;
import io.storesync.micrometer.StoreSyncQueueMetrics;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * StoreSync's meters (storesync-micrometer) when a {@link MeterRegistry} bean exists: the engine listener (collected
 * by the {@code StoreSync} bean like any {@code StoreSyncListener} bean), the queue gauges (bound by Boot as a
 * {@code MeterBinder}), and a {@code ConnectorEventListener} for connectors built on the connector kit.
 */
@AutoConfiguration(before = StoreSyncAutoConfiguration.class, after = DataSourceAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, StoreSyncMetrics.class})
@ConditionalOnBean({MeterRegistry.class, DataSource.class})
@ConditionalOnBooleanProperty(name = {"storesync.enabled", "storesync.metrics.enabled"}, matchIfMissing = true)
public class StoreSyncMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    StoreSyncMetrics storeSyncMetrics(MeterRegistry registry) {
        return new StoreSyncMetrics(registry);
    }

    @Bean
    @ConditionalOnMissingBean
    StoreSyncQueueMetrics storeSyncQueueMetrics(DataSource dataSource, StoreSyncProperties properties) {
        return new StoreSyncQueueMetrics(dataSource, properties.getSchema(), properties.getMetrics().getQueueRefresh());
    }

    @Bean
    @ConditionalOnMissingBean
    StoreSyncConnectorMetrics storeSyncConnectorMetrics(MeterRegistry registry) {
        return new StoreSyncConnectorMetrics(registry);
    }
}

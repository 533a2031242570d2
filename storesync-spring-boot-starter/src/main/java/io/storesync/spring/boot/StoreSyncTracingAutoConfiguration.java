package io.storesync.spring.boot;

import io.micrometer.observation.ObservationRegistry;
import io.storesync.micrometer.StoreSyncObservations;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * StoreSync's observations (storesync-micrometer) when an {@link ObservationRegistry} bean exists (Boot makes one with
 * the actuator; a tracing bridge turns its observations into spans): the {@code StoreSync} bean takes it as its job
 * interceptor and hands it to the connectors with the other {@code ConnectorEventListener} beans.
 */
@AutoConfiguration(before = StoreSyncAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ObservationRegistry.class, StoreSyncObservations.class})
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = {"storesync.enabled", "storesync.tracing.enabled"}, matchIfMissing = true)
public class StoreSyncTracingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    StoreSyncObservations storeSyncObservations(ObservationRegistry registry) {
        return new StoreSyncObservations(registry);
    }
}

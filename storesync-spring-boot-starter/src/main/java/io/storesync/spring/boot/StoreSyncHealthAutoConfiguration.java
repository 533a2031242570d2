package io.storesync.spring.boot;

import io.storesync.StoreSync;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** The {@code storesync} health indicator, when Boot's health support is on the classpath. */
@AutoConfiguration(after = StoreSyncAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean({StoreSync.class, StoreSyncOperations.class})
@ConditionalOnEnabledHealthIndicator("storesync")
public class StoreSyncHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "storesyncHealthIndicator")
    StoreSyncHealthIndicator storesyncHealthIndicator(ObjectProvider<StoreSyncWorkersLifecycle> workers,
            StoreSyncOperations operations) {
        return new StoreSyncHealthIndicator(workers.getIfAvailable(), operations);
    }
}

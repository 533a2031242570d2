package io.storesync.internal.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.api.job.JobType;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandlerRegistryTest {

    @Test
    void theStandardRegistryHasAHandlerForEveryJobType() {
        HandlerRegistry registry = HandlerRegistry.standard();
        for (JobType type : JobType.values()) assertThat(registry.handlerFor(type)).as("%s", type).isNotNull();
    }

    @Test
    void eachJobTypeRunsItsOwnHandler() {
        HandlerRegistry registry = HandlerRegistry.standard();
        assertThat(registry.handlerFor(JobType.CATALOGUE_IMPORT)).isInstanceOf(CatalogueImportHandler.class);
        assertThat(registry.handlerFor(JobType.ORDER_POLL)).isInstanceOf(OrderPollHandler.class);
        assertThat(registry.handlerFor(JobType.STOCK_PUSH)).isInstanceOf(StockPushHandler.class);
        assertThat(registry.handlerFor(JobType.STOCK_DRIFT_CHECK)).isInstanceOf(DriftCheckHandler.class);
        assertThat(registry.handlerFor(JobType.PRICE_PUSH)).isInstanceOf(PricePushHandler.class);
        assertThat(registry.handlerFor(JobType.WEBHOOK_PROCESS)).isInstanceOf(WebhookProcessHandler.class);
        assertThat(registry.handlerFor(JobType.CREDENTIAL_REFRESH)).isInstanceOf(CredentialRefreshHandler.class);
        assertThat(registry.handlerFor(JobType.RETENTION_PURGE)).isInstanceOf(RetentionPurgeHandler.class);
    }

    @Test
    void aRegistryMissingAJobTypeIsRefusedWhenBuilt() {
        Map<JobType, JobHandler> partial = new EnumMap<>(JobType.class);
        partial.put(JobType.NO_OP, ctx -> {});
        assertThatThrownBy(() -> HandlerRegistry.of(partial))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no handler for job type");
    }

    @Test
    void aRegistryOfExplicitHandlersRunsThem() {
        Map<JobType, JobHandler> all = new EnumMap<>(JobType.class);
        JobHandler noop = ctx -> {};
        for (JobType type : JobType.values()) all.put(type, noop);
        assertThat(HandlerRegistry.of(all).handlerFor(JobType.STOCK_PUSH)).isSameAs(noop);
    }
}

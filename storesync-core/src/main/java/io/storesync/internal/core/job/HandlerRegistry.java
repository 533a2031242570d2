package io.storesync.internal.core.job;

import io.storesync.api.job.JobType;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** Which handler runs which type of job. Registration is explicit so a missing handler fails at start, not at run. */
final class HandlerRegistry {
    private final Map<JobType, JobHandler> handlers;

    private HandlerRegistry(Map<JobType, JobHandler> handlers) {
        for (JobType type : JobType.values()) {
            if (!handlers.containsKey(type)) throw new IllegalArgumentException("no handler for job type " + type);
        }
        this.handlers = new EnumMap<>(handlers);
    }

    /** The handlers StoreSync ships, one per job type. */
    static HandlerRegistry standard() {
        Map<JobType, JobHandler> m = new EnumMap<>(JobType.class);
        m.put(JobType.NO_OP, ctx -> {});
        m.put(JobType.CATALOGUE_IMPORT, new CatalogueImportHandler());
        m.put(JobType.ORDER_POLL, new OrderPollHandler());
        m.put(JobType.STOCK_PUSH, new StockPushHandler());
        m.put(JobType.STOCK_DRIFT_CHECK, new DriftCheckHandler());
        m.put(JobType.PRICE_PUSH, new PricePushHandler());
        m.put(JobType.WEBHOOK_PROCESS, new WebhookProcessHandler());
        m.put(JobType.CREDENTIAL_REFRESH, new CredentialRefreshHandler());
        m.put(JobType.RETENTION_PURGE, new RetentionPurgeHandler());
        m.put(JobType.SCHEDULES_DUE, new SchedulesDueHandler());
        m.put(JobType.STOCK_COALESCE, new StockCoalesceHandler());
        return new HandlerRegistry(m);
    }

    /** A registry of exactly these handlers; every job type must have one. */
    static HandlerRegistry of(Map<JobType, JobHandler> handlers) {
        return new HandlerRegistry(handlers);
    }

    /** The types there is a handler for: what a worker claims, so it never takes a job it cannot run. */
    Set<JobType> types() {
        return Collections.unmodifiableSet(handlers.keySet());
    }

    JobHandler handlerFor(JobType type) {
        JobHandler h = handlers.get(type);
        if (h == null) throw new IllegalStateException("no handler for job type " + type);
        return h;
    }
}

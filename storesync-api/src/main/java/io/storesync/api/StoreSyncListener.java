package io.storesync.api;

import io.storesync.api.job.Job;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.StoreId;
import io.storesync.api.webhook.WebhookEndpointId;
import io.storesync.api.order.IngestResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Events from the sync engine, for metrics and tracing; registered with {@code StoreSync.Builder.listener}. Every
 * method has an empty default. Methods are called on worker threads, possibly concurrently, and must return
 * quickly; an exception thrown by a listener is logged and otherwise ignored.
 */
public interface StoreSyncListener {

    /** A worker started a job. */
    default void jobStarted(Job job) {}

    /** A job completed. */
    default void jobFinished(Job job, Duration took) {}

    /**
     * A job's run failed.
     *
     * @param willRetry whether the job will run again on its own
     */
    default void jobFailed(Job job, String error, boolean willRetry) {}

    /** Stock was pushed to a store: {@code listings} listings in one connector call. */
    default void stockPushed(OrganizationId organization, StoreId store, int listings) {}

    /**
     * A {@code platform} store acknowledged a stock push: {@code changedAt} holds, for each listing it accepted, when
     * the stock change the pushed quantity reflects was made (the newest change coalesced into the push, in the
     * database's clock); {@code acknowledgedAt} is when the platform's answer arrived (the engine's clock). Their
     * difference is the stock-push latency. Called once per push call, after {@link #stockPushed}.
     */
    default void stockAcknowledged(String platform, List<Instant> changedAt, Instant acknowledgedAt) {}

    /**
     * A webhook delivery was refused (body too large, bad signature, unknown or inactive endpoint); nothing was stored.
     */
    default void webhookRejected(WebhookEndpointId endpoint, String reason) {}

    /**
     * An app-level webhook delivery (one URL for every shop of {@code platform}) was refused (body too large, bad
     * signature, no shop named, no active store for the shop); nothing was stored.
     */
    default void appWebhookRejected(String platform, String reason) {}

    /**
     * A verified webhook delivery for a {@code platform} store was stored and queued, or was a {@code duplicate} of one
     * stored before (nothing new queued).
     */
    default void webhookReceived(String platform, boolean duplicate) {}

    /**
     * A worker ingested orders read from a {@code platform} store (an order poll or a webhook): one result per order,
     * each with its outcome and stock shortfall. Called after the ingesting transaction committed.
     */
    default void ordersIngested(String platform, List<IngestResult> results) {}

    /**
     * A connector call to a {@code platform} store waited {@code waited} for its rate limit: slept through when short,
     * else the job was rescheduled ({@code rescheduled}) to try again after that long.
     */
    default void rateLimited(String platform, Duration waited, boolean rescheduled) {}

    /** A listener that ignores everything. */
    StoreSyncListener NONE = new StoreSyncListener() {};
}

package io.storesync.spring.boot;

import io.storesync.api.StoreSyncListener;
import io.storesync.api.job.Job;
import io.storesync.api.order.IngestResult;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.StoreId;
import io.storesync.api.webhook.WebhookEndpointId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** Every {@link StoreSyncListener} bean of the context, in order; one listener's exception never reaches the next. */
final class CompositeStoreSyncListener implements StoreSyncListener {
    private final List<StoreSyncListener> listeners;

    CompositeStoreSyncListener(List<StoreSyncListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    private void each(String event, Consumer<StoreSyncListener> call) {
        EachListener.call(listeners, event, call);
    }

    @Override
    public void jobStarted(Job job) {
        each("jobStarted", l -> l.jobStarted(job));
    }

    @Override
    public void jobFinished(Job job, Duration took) {
        each("jobFinished", l -> l.jobFinished(job, took));
    }

    @Override
    public void jobFailed(Job job, String error, boolean willRetry) {
        each("jobFailed", l -> l.jobFailed(job, error, willRetry));
    }

    @Override
    public void stockPushed(OrganizationId organization, StoreId store, int listings) {
        each("stockPushed", l -> l.stockPushed(organization, store, listings));
    }

    @Override
    public void stockAcknowledged(String platform, List<Instant> changedAt, Instant acknowledgedAt) {
        each("stockAcknowledged", l -> l.stockAcknowledged(platform, changedAt, acknowledgedAt));
    }

    @Override
    public void webhookRejected(WebhookEndpointId endpoint, String reason) {
        each("webhookRejected", l -> l.webhookRejected(endpoint, reason));
    }

    @Override
    public void appWebhookRejected(String platform, String reason) {
        each("appWebhookRejected", l -> l.appWebhookRejected(platform, reason));
    }

    @Override
    public void webhookReceived(String platform, boolean duplicate) {
        each("webhookReceived", l -> l.webhookReceived(platform, duplicate));
    }

    @Override
    public void ordersIngested(String platform, List<IngestResult> results) {
        each("ordersIngested", l -> l.ordersIngested(platform, results));
    }

    @Override
    public void rateLimited(String platform, Duration waited, boolean rescheduled) {
        each("rateLimited", l -> l.rateLimited(platform, waited, rescheduled));
    }
}

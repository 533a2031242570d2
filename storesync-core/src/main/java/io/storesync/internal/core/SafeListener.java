package io.storesync.internal.core;

import io.storesync.api.StoreSyncListener;
import io.storesync.api.job.Job;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.StoreId;
import io.storesync.api.webhook.WebhookEndpointId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls the host's listener and swallows (logs) what it throws: a metrics bug must not fail a job. */
public final class SafeListener implements StoreSyncListener {
    private static final Logger LOG = LoggerFactory.getLogger(SafeListener.class);
    private final StoreSyncListener delegate;

    SafeListener(StoreSyncListener delegate) {
        this.delegate = delegate;
    }

    private void call(String what, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("StoreSyncListener.{} threw; ignored", what, e);
        }
    }

    @Override
    public void jobStarted(Job job) {
        call("jobStarted", () -> delegate.jobStarted(job));
    }

    @Override
    public void jobFinished(Job job, Duration took) {
        call("jobFinished", () -> delegate.jobFinished(job, took));
    }

    @Override
    public void jobFailed(Job job, String error, boolean willRetry) {
        call("jobFailed", () -> delegate.jobFailed(job, error, willRetry));
    }

    @Override
    public void stockPushed(OrganizationId organization, StoreId store, int listings) {
        call("stockPushed", () -> delegate.stockPushed(organization, store, listings));
    }

    @Override
    public void stockAcknowledged(String platform, List<Instant> changedAt, Instant acknowledgedAt) {
        call("stockAcknowledged", () -> delegate.stockAcknowledged(platform, changedAt, acknowledgedAt));
    }

    @Override
    public void webhookRejected(WebhookEndpointId endpoint, String reason) {
        call("webhookRejected", () -> delegate.webhookRejected(endpoint, reason));
    }

    @Override
    public void appWebhookRejected(String platform, String reason) {
        call("appWebhookRejected", () -> delegate.appWebhookRejected(platform, reason));
    }

    @Override
    public void webhookReceived(String platform, boolean duplicate) {
        call("webhookReceived", () -> delegate.webhookReceived(platform, duplicate));
    }

    @Override
    public void ordersIngested(String platform, java.util.List<io.storesync.api.order.IngestResult> results) {
        call("ordersIngested", () -> delegate.ordersIngested(platform, results));
    }

    @Override
    public void rateLimited(String platform, Duration waited, boolean rescheduled) {
        call("rateLimited", () -> delegate.rateLimited(platform, waited, rescheduled));
    }
}

package io.storesync.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.storesync.api.StoreSyncListener;
import io.storesync.api.job.Job;
import io.storesync.api.job.JobType;
import io.storesync.api.order.IngestResult;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.StoreId;
import io.storesync.api.webhook.WebhookEndpointId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The engine's events as Micrometer meters; give it to {@code StoreSync.Builder.listener}. Meters (tags in braces):
 *
 * <ul>
 *   <li>{@code storesync.jobs.claimed} {job.type}: jobs a worker started
 *   <li>{@code storesync.jobs.execution} timer {job.type, outcome=succeeded}: completed jobs and their run time
 *   <li>{@code storesync.jobs.failed} {job.type, outcome=retrying|exhausted}: failed runs
 *   <li>{@code storesync.stock.pushes} and {@code storesync.stock.push.listings} (summary): connector calls that pushed
 *       stock, and how many listings each carried (the coalescing effect)
 *   <li>{@code storesync.stock.push.latency} timer {platform}: per accepted listing, from the stock change to the
 *       platform's acknowledgement (the figure the benchmarks' p99 is about). No percentile histogram unless the host
 *       turns it on (in Boot: {@code management.metrics.distribution.percentiles-histogram.storesync.stock.push.latency})
 *   <li>{@code storesync.webhooks.received} {platform, outcome=accepted|duplicate}
 *   <li>{@code storesync.webhooks.rejected} {platform}: refused deliveries ({@code platform=unknown} for an endpoint's,
 *       which is refused before its store is known)
 *   <li>{@code storesync.orders.ingested} {platform, outcome=created|updated|unchanged|stale|rejected}
 *   <li>{@code storesync.orders.shortfall} {platform}: units ordered beyond available stock
 *   <li>{@code storesync.ratelimit.waits} timer {platform, outcome=slept|rescheduled}
 * </ul>
 *
 * Organization and store ids are never tags: they would make one time series per tenant.
 */
public final class StoreSyncMetrics implements StoreSyncListener {
    private final MeterRegistry registry;

    public StoreSyncMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    private static String tag(JobType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void jobStarted(Job job) {
        Counter.builder("storesync.jobs.claimed").description("Jobs a worker started")
                .tag("job.type", tag(job.type())).register(registry).increment();
    }

    @Override
    public void jobFinished(Job job, Duration took) {
        Timer.builder("storesync.jobs.execution").description("Completed job runs")
                .tags("job.type", tag(job.type()), "outcome", "succeeded").register(registry).record(took);
    }

    @Override
    public void jobFailed(Job job, String error, boolean willRetry) {
        Counter.builder("storesync.jobs.failed").description("Failed job runs")
                .tags("job.type", tag(job.type()), "outcome", willRetry ? "retrying" : "exhausted")
                .register(registry).increment();
    }

    @Override
    public void stockPushed(OrganizationId organization, StoreId store, int listings) {
        Counter.builder("storesync.stock.pushes").description("Connector calls that pushed stock")
                .register(registry).increment();
        DistributionSummary.builder("storesync.stock.push.listings").description("Listings per stock push call")
                .register(registry).record(listings);
    }

    @Override
    public void stockAcknowledged(String platform, List<Instant> changedAt, Instant acknowledgedAt) {
        Timer latency = Timer.builder("storesync.stock.push.latency")
                .description("From a stock change to the platform's acknowledgement of the push carrying it")
                .tag("platform", platform).register(registry);
        // the change time is the database's clock, the acknowledgement the JVM's: a skew that puts the change after
        // the acknowledgement counts as zero rather than vanishing from the count
        for (Instant t : changedAt) {
            Duration d = Duration.between(t, acknowledgedAt);
            latency.record(d.isNegative() ? Duration.ZERO : d);
        }
    }

    @Override
    public void webhookReceived(String platform, boolean duplicate) {
        Counter.builder("storesync.webhooks.received").description("Verified webhook deliveries")
                .tags("platform", platform, "outcome", duplicate ? "duplicate" : "accepted")
                .register(registry).increment();
    }

    @Override
    public void webhookRejected(WebhookEndpointId endpoint, String reason) {
        rejected("unknown");
    }

    @Override
    public void appWebhookRejected(String platform, String reason) {
        rejected(platform);
    }

    private void rejected(String platform) {
        Counter.builder("storesync.webhooks.rejected").description("Refused webhook deliveries; nothing stored")
                .tag("platform", platform).register(registry).increment();
    }

    @Override
    public void ordersIngested(String platform, List<IngestResult> results) {
        long shortfall = 0;
        for (IngestResult r : results) {
            Counter.builder("storesync.orders.ingested").description("Orders read from a platform")
                    .tags("platform", platform, "outcome", r.outcome().name().toLowerCase(Locale.ROOT))
                    .register(registry).increment();
            // a re-read of an unchanged order reports its shortfall again; count it when the order's stock effect ran
            if (r.outcome() == IngestResult.Outcome.CREATED || r.outcome() == IngestResult.Outcome.UPDATED) {
                shortfall += r.shortfallQuantity();
            }
        }
        if (shortfall > 0) {
            Counter.builder("storesync.orders.shortfall").description("Units ordered beyond available stock")
                    .tag("platform", platform).register(registry).increment(shortfall);
        }
    }

    @Override
    public void rateLimited(String platform, Duration waited, boolean rescheduled) {
        Timer.builder("storesync.ratelimit.waits").description("Connector calls held back by a rate limit")
                .tags("platform", platform, "outcome", rescheduled ? "rescheduled" : "slept")
                .register(registry).record(waited);
    }
}

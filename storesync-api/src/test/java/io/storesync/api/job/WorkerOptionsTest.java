package io.storesync.api.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.storesync.api.ValidationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkerOptionsTest {

    @Test
    void theMissedWebhookSweepRunsEveryFiveMinutesByDefaultAndEveryOtherSettingKeepsItsInterval() {
        Duration second = Duration.ofSeconds(1);
        WorkerOptions options = WorkerOptions.defaults(2).withMissedWebhookSweepInterval(second);
        assertThat(WorkerOptions.defaults(2).missedWebhookSweepInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(options.withLease(Duration.ofSeconds(10), Duration.ofSeconds(1))
                .withIntervals(Duration.ofMillis(100), Duration.ofMillis(100))
                .withStockTiming(Duration.ofMillis(10), Duration.ZERO)
                .withRetryPolicy(RetryPolicy.DEFAULT)
                .withShutdownTimeout(Duration.ofSeconds(1))
                .withClaimBatch(5)
                .withListen(false)
                .missedWebhookSweepInterval()).isEqualTo(second);
    }

    @Test
    void theOlderConstructorSweepsAtTheDefaultWithAFixedBatchZeroTurnsTheSweepOffAndANegativeIntervalIsRefused() {
        WorkerOptions d = WorkerOptions.defaults(1);
        WorkerOptions older = new WorkerOptions(d.threads(), d.claimBatch(), d.lease(), d.heartbeatInterval(),
                d.pollInterval(), d.maintenanceInterval(), d.stockCoalesceInterval(), d.stockPushDelay(), d.retryPolicy(),
                d.shutdownTimeout(), d.jobRetention(), d.listen());
        // what it always meant: the batch given is the batch claimed, and missed webhooks every five minutes
        assertThat(older).isEqualTo(d.withClaimBatch(d.claimBatch()));
        assertThat(older.adaptiveClaimBatch()).isFalse();
        assertThat(older.missedWebhookSweepInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.withMissedWebhookSweepInterval(Duration.ZERO).missedWebhookSweepInterval()).isZero();
        assertThatThrownBy(() -> d.withMissedWebhookSweepInterval(Duration.ofSeconds(-1)))
                .isInstanceOf(ValidationException.class);
    }
}

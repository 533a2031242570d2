package io.storesync.internal.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ClaimSizeTest {
    private static long ms(double millis) {
        return (long) (millis * TimeUnit.MILLISECONDS.toNanos(1));
    }

    @Test
    void theConfiguredBatchUntilAJobHasRun() {
        assertThat(new ClaimSize(16, 4, true).next()).isEqualTo(16);
    }

    @Test
    void shortJobsGrowTheBatchUpToTheMaximum() {
        ClaimSize size = new ClaimSize(16, 4, true);
        size.ran(ms(0.05));
        assertThat(size.next()).isEqualTo(ClaimSize.MAX);
    }

    @Test
    void aBatchHoldsAtMostTheBudgetOfTheThreadsWork() {
        ClaimSize size = new ClaimSize(16, 4, true);
        size.ran(ms(4));
        // 50 ms of work for each of 4 threads, at 4 ms a job
        assertThat(size.next()).isEqualTo(50);
        assertThat(size.next() * ms(4) / 4).isLessThanOrEqualTo(ClaimSize.BUDGET_NANOS);
    }

    @Test
    void longJobsHoldNoMoreThanTheConfiguredBatch() {
        ClaimSize size = new ClaimSize(16, 4, true);
        size.ran(TimeUnit.SECONDS.toNanos(2));
        assertThat(size.next()).isEqualTo(16);
        ClaimSize small = new ClaimSize(1, 1, true);
        small.ran(TimeUnit.SECONDS.toNanos(2));
        assertThat(small.next()).isEqualTo(1);
    }

    @Test
    void oneSlowJobShrinksTheBatchAtOnceAndFastOnesGrowItBackSlowly() {
        ClaimSize size = new ClaimSize(16, 4, true);
        size.ran(ms(0.05));
        assertThat(size.next()).isEqualTo(ClaimSize.MAX);
        size.ran(TimeUnit.SECONDS.toNanos(1));
        assertThat(size.next()).isEqualTo(16);
        for (int i = 0; i < 10; i++) size.ran(ms(0.05));
        assertThat(size.next()).isEqualTo(16);
        for (int i = 0; i < 200; i++) size.ran(ms(0.05));
        assertThat(size.next()).isEqualTo(ClaimSize.MAX);
    }

    @Test
    void aFixedBatchStaysFixedHoweverShortTheJobs() {
        ClaimSize size = new ClaimSize(16, 4, false);
        size.ran(ms(0.05));
        assertThat(size.next()).isEqualTo(16);
    }

    @Test
    void aConfiguredBatchAboveTheMaximumIsKept() {
        ClaimSize size = new ClaimSize(300, 4, true);
        size.ran(ms(0.05));
        assertThat(size.next()).isEqualTo(300);
    }
}

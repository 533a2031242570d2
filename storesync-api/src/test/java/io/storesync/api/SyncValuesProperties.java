package io.storesync.api;

import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.api.job.RetryPolicy;
import io.storesync.api.store.StockBuffer;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class SyncValuesProperties {

    @Property
    void aBufferNeverPushesBelowZeroNorAboveAvailable(@ForAll @IntRange(min = -10, max = 100_000) int available,
            @ForAll @IntRange(min = 0, max = 1000) int units, @ForAll @IntRange(min = 0, max = 100) int percent) {
        for (StockBuffer b : new StockBuffer[] {StockBuffer.units(units), StockBuffer.percent(percent)}) {
            int shown = b.apply(available);
            assertThat(shown).isBetween(0, Math.max(0, available));
        }
        assertThat(StockBuffer.units(units).apply(available)).isEqualTo(Math.max(0, Math.max(0, available) - units));
    }

    @Property
    void aBufferIsMonotoneInAvailable(@ForAll @IntRange(min = 0, max = 100_000) int available,
            @ForAll @IntRange(min = 0, max = 100) int percent) {
        StockBuffer b = StockBuffer.percent(percent);
        assertThat(b.apply(available + 1)).isGreaterThanOrEqualTo(b.apply(available));
    }

    @Property
    void backoffDoublesUntilTheCapAndJitterStaysInItsBand(@ForAll @IntRange(min = 1, max = 200) int retry) {
        RetryPolicy p = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(30), 0.2);
        Duration base = p.baseDelay(retry);
        long expected = Math.min(30_000, 100L * (1L << Math.min(retry - 1, 30)));
        assertThat(base.toMillis()).isEqualTo(expected);
        Duration jittered = p.delay(retry);
        assertThat(jittered.toNanos()).isBetween((long) (base.toNanos() * 0.8), (long) (base.toNanos() * 1.2));
    }
}

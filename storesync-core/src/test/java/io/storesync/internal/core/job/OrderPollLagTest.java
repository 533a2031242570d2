package io.storesync.internal.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Issue 10 item 6: how much each order poll re-reads before its watermark, from what the connector declares. */
class OrderPollLagTest {

    @Test
    void theDeclaredLagIsReReadAsItIs() {
        assertThat(OrderPollHandler.lag(Duration.ofMinutes(2))).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aNegativeLagMeansNoReReading() {
        assertThat(OrderPollHandler.lag(Duration.ofSeconds(-5))).isZero();
    }

    @Test
    void aLagBeyondADayIsTakenAsADay() {
        assertThat(OrderPollHandler.lag(Duration.ofDays(365_000))).isEqualTo(Duration.ofDays(1));
    }
}

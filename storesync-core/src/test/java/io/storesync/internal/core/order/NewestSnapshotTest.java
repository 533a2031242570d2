package io.storesync.internal.core.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.api.order.IngestResult.Outcome;
import io.storesync.api.order.OrderId;
import io.storesync.spi.persistence.OrderRepository.Upserted;
import io.storesync.spi.persistence.OrderRepository.Write;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NewestSnapshotTest {
    private static final OrderId ORDER = new OrderId(UUID.randomUUID());
    private static final Instant T = Instant.parse("2026-03-01T10:15:30Z");

    @Test
    void aSnapshotReplacesAnOrderStoredWithoutUpdateTime() {
        assertThat(NewestSnapshot.replaces(null, T)).isTrue();
    }

    @Test
    void aLaterSnapshotReplacesTheStoredOrder() {
        assertThat(NewestSnapshot.replaces(T, T.plusMillis(1))).isTrue();
    }

    @Test
    void aSnapshotOfTheSameTimeDoesNotReplaceTheStoredOrder() {
        // strict on purpose for now: a second update within one platform timestamp is kept out
        assertThat(NewestSnapshot.replaces(T, T)).isFalse();
    }

    @Test
    void anEarlierSnapshotDoesNotReplaceTheStoredOrder() {
        assertThat(NewestSnapshot.replaces(T, T.minusSeconds(1))).isFalse();
    }

    @Test
    void anInsertedSnapshotCreatesTheOrder() {
        assertThat(NewestSnapshot.outcome(new Upserted(ORDER, Write.INSERTED, null), T)).isEqualTo(Outcome.CREATED);
    }

    @Test
    void aReplacingSnapshotUpdatesTheOrder() {
        assertThat(NewestSnapshot.outcome(new Upserted(ORDER, Write.REPLACED, null), T)).isEqualTo(Outcome.UPDATED);
    }

    @Test
    void aKeptOrderOfTheSnapshotsTimeIsUnchanged() {
        assertThat(NewestSnapshot.outcome(new Upserted(ORDER, Write.KEPT, T), T)).isEqualTo(Outcome.UNCHANGED);
    }

    @Test
    void aKeptOrderNewerThanTheSnapshotMakesItStale() {
        assertThat(NewestSnapshot.outcome(new Upserted(ORDER, Write.KEPT, T), T.minusSeconds(5))).isEqualTo(Outcome.STALE);
    }

    @Test
    void aKeptOrderDiffersFromTheSnapshotBelowTheDatabasesPrecisionIsStale() {
        // the database keeps microseconds; a snapshot with nanoseconds it kept out is not a duplicate of what is stored
        Instant stored = T.plusNanos(1_000);
        assertThat(NewestSnapshot.outcome(new Upserted(ORDER, Write.KEPT, stored), T.plusNanos(1_500)))
                .isEqualTo(Outcome.STALE);
    }

    @Test
    void aKeptWriteMustNameTheStoredTime() {
        assertThatThrownBy(() -> new Upserted(ORDER, Write.KEPT, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("storedUpdatedAt");
    }
}

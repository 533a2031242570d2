package io.storesync.internal.core.order;

import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.api.order.IngestResult.Outcome;
import io.storesync.api.order.OrderId;
import io.storesync.spi.persistence.OrderRepository.Upserted;
import io.storesync.spi.persistence.OrderRepository.Write;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.jspecify.annotations.Nullable;

class NewestSnapshotProperties {
    private static final OrderId ORDER = new OrderId(UUID.randomUUID());
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    /** A store that follows the rule, as the repository's conditional write does. */
    private static final class Book {
        @Nullable Instant stored;
        final List<Outcome> outcomes = new ArrayList<>();

        void ingest(Instant incoming) {
            Upserted written;
            if (stored == null) {
                written = new Upserted(ORDER, Write.INSERTED, null);
                stored = incoming;
            } else if (NewestSnapshot.replaces(stored, incoming)) {
                written = new Upserted(ORDER, Write.REPLACED, null);
                stored = incoming;
            } else {
                written = new Upserted(ORDER, Write.KEPT, stored);
            }
            outcomes.add(NewestSnapshot.outcome(written, incoming));
        }
    }

    @Property
    void theNewestSnapshotWinsWhateverTheDeliveryOrder(
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 20) Integer> seconds, @ForAll long seed) {
        List<Instant> stream = new ArrayList<>(seconds.stream().map(s -> EPOCH.plusSeconds(s)).toList());
        Collections.shuffle(stream, new Random(seed));
        Book book = new Book();
        stream.forEach(book::ingest);
        assertThat(book.stored).isEqualTo(Collections.max(stream));
    }

    @Property
    void exactlyOneDeliveryCreatesTheOrder(
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 20) Integer> seconds) {
        Book book = new Book();
        seconds.forEach(s -> book.ingest(EPOCH.plusSeconds(s)));
        assertThat(book.outcomes).first().isEqualTo(Outcome.CREATED);
        assertThat(book.outcomes.stream().filter(o -> o == Outcome.CREATED)).hasSize(1);
    }

    @Property
    void theOutcomeComparesTheSnapshotWithTheStoredOne(
            @ForAll @IntRange(min = 0, max = 20) int stored, @ForAll @IntRange(min = 0, max = 20) int incoming) {
        Book book = new Book();
        book.ingest(EPOCH.plusSeconds(stored));
        book.ingest(EPOCH.plusSeconds(incoming));
        Outcome expected = incoming > stored ? Outcome.UPDATED : incoming == stored ? Outcome.UNCHANGED : Outcome.STALE;
        assertThat(book.outcomes).containsExactly(Outcome.CREATED, expected);
    }
}

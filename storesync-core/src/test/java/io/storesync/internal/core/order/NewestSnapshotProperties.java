package io.storesync.internal.core.order;

import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.api.order.IngestResult.Outcome;
import io.storesync.api.order.OrderId;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.order.OrderStatus;
import io.storesync.spi.persistence.OrderRepository.Upserted;
import io.storesync.spi.persistence.OrderRepository.Write;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.jspecify.annotations.Nullable;

class NewestSnapshotProperties {
    private static final OrderId ORDER = new OrderId(UUID.randomUUID());
    private static final OrderStatus[] STATUSES = OrderStatus.values();

    /** A store that follows the rule, as the repository's conditional write does. */
    private static final class Book {
        @Nullable OrderSnapshot stored;
        byte @Nullable [] storedPrecedence;
        final List<Outcome> outcomes = new ArrayList<>();

        void ingest(OrderSnapshot incoming) {
            byte[] precedence = NewestSnapshot.precedence(incoming);
            Upserted written;
            if (stored == null) {
                written = new Upserted(ORDER, Write.INSERTED);
            } else if (NewestSnapshot.replaces(stored.platformUpdatedAt(), storedPrecedence, incoming.platformUpdatedAt(), precedence)) {
                written = new Upserted(ORDER, Write.REPLACED);
            } else {
                written = new Upserted(ORDER, Write.KEPT, stored.platformUpdatedAt(), storedPrecedence);
            }
            if (written.write() != Write.KEPT) {
                stored = incoming;
                storedPrecedence = precedence;
            }
            outcomes.add(NewestSnapshot.outcome(written, incoming.platformUpdatedAt(), precedence));
        }
    }

    /** Snapshots from (second, status, quantity) triples: few seconds, so many share one. */
    private static List<OrderSnapshot> snapshots(List<List<Integer>> triples) {
        return triples.stream().map(t -> NewestSnapshotTest.snapshot(t.get(0), STATUSES[t.get(1) % STATUSES.length], t.get(2)))
                .toList();
    }

    @Property
    void everyDeliveryOrderEndsWithTheSameSnapshot(
            @ForAll @Size(min = 1, max = 30) List<@Size(3) List<@IntRange(min = 0, max = 3) Integer>> triples,
            @ForAll long seed) {
        List<OrderSnapshot> stream = new ArrayList<>(snapshots(triples));
        Book inOrder = new Book();
        stream.forEach(inOrder::ingest);
        Collections.shuffle(stream, new Random(seed));
        Book shuffled = new Book();
        stream.forEach(shuffled::ingest);
        assertThat(shuffled.stored).isEqualTo(inOrder.stored);
        assertThat(shuffled.stored.platformUpdatedAt())
                .isEqualTo(stream.stream().map(OrderSnapshot::platformUpdatedAt).max(Comparable::compareTo).orElseThrow());
    }

    @Property
    void exactlyOneDeliveryCreatesTheOrder(
            @ForAll @Size(min = 1, max = 30) List<@Size(3) List<@IntRange(min = 0, max = 3) Integer>> triples) {
        Book book = new Book();
        snapshots(triples).forEach(book::ingest);
        assertThat(book.outcomes).first().isEqualTo(Outcome.CREATED);
        assertThat(book.outcomes.stream().filter(o -> o == Outcome.CREATED)).hasSize(1);
    }

    @Property
    void replayingTheStoredSnapshotChangesNothing(
            @ForAll @Size(min = 1, max = 30) List<@Size(3) List<@IntRange(min = 0, max = 3) Integer>> triples) {
        Book book = new Book();
        snapshots(triples).forEach(book::ingest);
        OrderSnapshot stored = book.stored;
        book.ingest(snapshots(List.of(List.of((int) (stored.platformUpdatedAt().getEpochSecond() - NewestSnapshotTest.T.getEpochSecond()),
                stored.status().ordinal(), stored.lines().get(0).quantity()))).get(0));
        assertThat(book.outcomes).last().isEqualTo(Outcome.UNCHANGED);
        assertThat(book.stored).isSameAs(stored);
    }

    @Property
    void aLaterSecondAlwaysWinsAndAnEarlierOneIsStale(
            @ForAll @IntRange(min = 0, max = 20) int stored, @ForAll @IntRange(min = 0, max = 20) int incoming,
            @ForAll @IntRange(min = 0, max = 11) int storedStatus, @ForAll @IntRange(min = 0, max = 11) int incomingStatus) {
        Assume.that(stored != incoming);
        Book book = new Book();
        book.ingest(NewestSnapshotTest.snapshot(stored, STATUSES[storedStatus], 1));
        book.ingest(NewestSnapshotTest.snapshot(incoming, STATUSES[incomingStatus], 1));
        assertThat(book.outcomes).containsExactly(Outcome.CREATED, incoming > stored ? Outcome.UPDATED : Outcome.STALE);
    }
}

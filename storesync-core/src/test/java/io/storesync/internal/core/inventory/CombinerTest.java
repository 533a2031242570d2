package io.storesync.internal.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.storesync.internal.core.inventory.Combiner.Outcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The combiner alone, without a database: who runs what, in which order, and that every caller hears back. */
class CombinerTest {
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Combiner<String, Integer, String> combiner = new Combiner<>(64);
    /** Every round run together, as the requests it got. */
    private final List<List<Integer>> rounds = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** Doubles each request; refuses odd ones with their own exception. */
    private final Function<List<Integer>, List<Outcome<String>>> together = requests -> {
        rounds.add(List.copyOf(requests));
        List<Outcome<String>> out = new ArrayList<>();
        for (int r : requests) {
            out.add(r % 2 == 0 ? Outcome.of("together " + r) : Outcome.failed(new IllegalArgumentException("odd " + r)));
        }
        return out;
    };

    private static Supplier<String> alone(int request) {
        return () -> "alone " + request;
    }

    @Test
    void anUncontendedCallRunsAloneOnItsOwnThreadAtOnce() {
        Thread caller = Thread.currentThread();
        String result = combiner.submit("k", 2, () -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            return "alone 2";
        }, together);
        assertThat(result).isEqualTo("alone 2");
        assertThat(rounds).isEmpty();
        assertThat(combiner.activeKeys()).isZero();
    }

    @Test
    void callersArrivingWhileWorkRunsFormOneRoundInArrivalOrderEachGettingItsOwnOutcome() throws Exception {
        CountDownLatch running = new CountDownLatch(1), release = new CountDownLatch(1);
        Future<String> first = threads.submit(() -> combiner.submit("k", 0, () -> {
            running.countDown();
            await(release);
            return "alone 0";
        }, together));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<String>> queued = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            int request = i;
            queued.add(threads.submit(() -> combiner.submit("k", request, alone(request), together)));
            waitUntil(() -> combiner.waiting("k") == request);
        }
        // another key is not held up by this one
        assertThat(combiner.submit("other", 8, alone(8), together)).isEqualTo("alone 8");
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("alone 0");
        for (int i = 1; i <= 6; i++) {
            Future<String> f = queued.get(i - 1);
            if (i % 2 == 0) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo("together " + i);
            } else {
                int request = i;
                assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class)
                        .cause().hasMessage("odd " + request);
            }
        }
        assertThat(rounds).containsExactly(List.of(1, 2, 3, 4, 5, 6));
        assertThat(combiner.activeKeys()).isZero();
    }

    @Test
    void aRoundThatFailsAsAWholeFailsEveryCallerInItAndTheNextRoundStillRuns() throws Exception {
        CountDownLatch running = new CountDownLatch(1), release = new CountDownLatch(1);
        Future<String> first = threads.submit(() -> combiner.submit("k", 0, () -> {
            running.countDown();
            await(release);
            return "alone 0";
        }, together));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        IllegalStateException broken = new IllegalStateException("database gone");
        Function<List<Integer>, List<Outcome<String>>> failing = requests -> {
            throw broken;
        };
        List<Future<String>> queued = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int request = i * 2;
            int n = i;
            queued.add(threads.submit(() -> combiner.submit("k", request, alone(request), failing)));
            waitUntil(() -> combiner.waiting("k") == n);
        }
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        for (Future<String> f : queued) {
            assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).cause().isSameAs(broken);
        }
        assertThat(combiner.submit("k", 10, alone(10), together)).isEqualTo("alone 10");
        assertThat(combiner.activeKeys()).isZero();
    }

    @Test
    void aFailureOfTheCallRunningAloneStaysItsOwnAndPassesTheTurnOn() throws Exception {
        CountDownLatch running = new CountDownLatch(1), release = new CountDownLatch(1);
        Future<String> first = threads.submit(() -> combiner.submit("k", 0, () -> {
            running.countDown();
            await(release);
            throw new IllegalStateException("only mine");
        }, together));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        Future<String> second = threads.submit(() -> combiner.submit("k", 2, alone(2), together));
        waitUntil(() -> combiner.waiting("k") == 1);
        release.countDown();
        assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).cause().hasMessage("only mine");
        // a round of one runs as a call of its own would
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("alone 2");
    }

    @Test
    void anInterruptedWaiterStillGetsItsOutcomeAndKeepsItsInterrupt() throws Exception {
        CountDownLatch running = new CountDownLatch(1), release = new CountDownLatch(1);
        Future<String> first = threads.submit(() -> combiner.submit("k", 0, () -> {
            running.countDown();
            await(release);
            return "alone 0";
        }, together));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicInteger interruptedAfter = new AtomicInteger(-1);
        List<Thread> waiter = Collections.synchronizedList(new ArrayList<>());
        Future<String> second = threads.submit(() -> {
            waiter.add(Thread.currentThread());
            String r = combiner.submit("k", 2, alone(2), together);
            interruptedAfter.set(Thread.currentThread().isInterrupted() ? 1 : 0);
            return r;
        });
        waitUntil(() -> combiner.waiting("k") == 1);
        waiter.get(0).interrupt();
        Thread.sleep(50);
        assertThat(second.isDone()).as("an interrupt does not abandon a request another thread may run").isFalse();
        release.countDown();
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("alone 2");
        assertThat(interruptedAfter.get()).isEqualTo(1);
    }

    @Test
    void roundsTakeAtMostTheirCapAndTheRestWaitsForTheNext() throws Exception {
        Combiner<String, Integer, String> small = new Combiner<>(3);
        CountDownLatch running = new CountDownLatch(1), release = new CountDownLatch(1);
        Future<String> first = threads.submit(() -> small.submit("k", 0, () -> {
            running.countDown();
            await(release);
            return "alone 0";
        }, together));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<String>> queued = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            int request = i * 2;
            int n = i;
            queued.add(threads.submit(() -> small.submit("k", request, alone(request), together)));
            waitUntil(() -> small.waiting("k") == n);
        }
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        for (int i = 1; i <= 5; i++) assertThat(queued.get(i - 1).get(10, TimeUnit.SECONDS)).isEqualTo("together " + i * 2);
        assertThat(rounds).containsExactly(List.of(2, 4, 6), List.of(8, 10));
    }

    @Test
    void manyThreadsOnOneKeyEachGetTheirOwnResultAndNobodyHangs() throws Exception {
        int threadCount = 16, perThread = 500;
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 0; t < threadCount; t++) {
            int base = t * perThread;
            done.add(threads.submit(() -> {
                int ok = 0;
                for (int i = 0; i < perThread; i++) {
                    int request = (base + i) * 2;
                    String expected = "together " + request;
                    String r = combiner.submit("k", request, alone(request), together);
                    if (r.equals(expected) || r.equals("alone " + request)) ok++;
                }
                return ok;
            }));
        }
        int ok = 0;
        for (Future<Integer> f : done) ok += f.get(60, TimeUnit.SECONDS);
        assertThat(ok).isEqualTo(threadCount * perThread);
        int together = rounds.stream().mapToInt(List::size).sum();
        assertThat(together).isLessThanOrEqualTo(threadCount * perThread);
        assertThat(rounds).allSatisfy(r -> assertThat(r).hasSizeBetween(2, 64));
        assertThat(combiner.activeKeys()).isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("not released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not reached in 10 s");
            Thread.sleep(2);
        }
    }
}

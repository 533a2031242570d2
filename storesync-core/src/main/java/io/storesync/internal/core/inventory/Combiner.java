package io.storesync.internal.core.inventory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Combines concurrent requests on one key into one unit of work per round (flat combining). A caller that finds no
 * work running for its key runs its own request at once, alone, so an uncontended call waits for nobody. Callers that
 * arrive while work for the key is running queue up; when that work ends, the first of them takes every queued
 * request (at most {@link #maxBatch}) and runs them together, and the callers behind it queue for the next round.
 *
 * <p>Each request gets its own outcome. A batch that fails as a whole (its transaction rolled back) fails every
 * request in it with that failure. Waiting is not interruptible: the request is already in the hands of another
 * thread, whose outcome the caller must learn (an interrupt is kept and restored once the outcome is in). Every path
 * out of a batch, errors included, completes its callers and passes the turn on, so no caller is left waiting.
 */
final class Combiner<K, Q, R> {

    /** One request's outcome: its result, or the exception its caller gets. */
    record Outcome<R>(@Nullable R result, @Nullable RuntimeException failure) {
        static <R> Outcome<R> of(R result) {
            return new Outcome<>(Objects.requireNonNull(result, "result"), null);
        }

        static <R> Outcome<R> failed(RuntimeException failure) {
            return new Outcome<>(null, Objects.requireNonNull(failure, "failure"));
        }
    }

    /** One queued caller. {@code state} moves WAITING to LEADS (it runs the next batch) or to DONE, once. */
    private static final class Waiter<Q, R> {
        static final int WAITING = 0, LEADS = 1, DONE = 2;
        final Q request;
        final Supplier<R> alone;
        final Thread thread = Thread.currentThread();
        volatile int state = WAITING;
        @Nullable R result;
        @Nullable Throwable failure;

        Waiter(Q request, Supplier<R> alone) {
            this.request = request;
            this.alone = alone;
        }
    }

    /** The callers of one key: whether work is running for it, and who waits. Guarded by its own monitor. */
    private static final class Lane<Q, R> {
        final ArrayDeque<Waiter<Q, R>> waiting = new ArrayDeque<>();
        boolean busy;
        /** Taken out of the map once idle; a caller holding a retired lane looks the key up again. */
        boolean retired;
    }

    private final ConcurrentHashMap<K, Lane<Q, R>> lanes = new ConcurrentHashMap<>();
    private final int maxBatch;

    Combiner(int maxBatch) {
        if (maxBatch < 1) throw new IllegalArgumentException("maxBatch must be positive, got " + maxBatch);
        this.maxBatch = maxBatch;
    }

    /**
     * Runs {@code request}: through {@code alone} when no work runs for {@code key} (or when the round holds this
     * request only), else in a round of {@code together}, which gets the requests in arrival order and must return one
     * outcome per request, in that order. {@code together} is any of the round's callers' function: the callers of one
     * key must pass equivalent ones.
     */
    R submit(K key, Q request, Supplier<R> alone, Function<List<Q>, List<Outcome<R>>> together) {
        Waiter<Q, R> me = new Waiter<>(request, alone);
        Lane<Q, R> lane;
        boolean first;
        while (true) {
            lane = lanes.computeIfAbsent(key, k -> new Lane<>());
            synchronized (lane) {
                if (lane.retired) continue;
                first = !lane.busy;
                if (first) lane.busy = true;
                else lane.waiting.add(me);
            }
            break;
        }
        if (first) {
            try {
                return alone.get();
            } finally {
                passOn(key, lane);
            }
        }
        awaitTurn(me);
        if (me.state == Waiter.LEADS) lead(key, lane, together);
        return outcome(me);
    }

    /** Waits until {@code me} is done or leads; interrupts are put back afterwards, never lost. */
    private static void awaitTurn(Waiter<?, ?> me) {
        boolean interrupted = false;
        while (me.state == Waiter.WAITING) {
            LockSupport.park(me);
            if (Thread.interrupted()) interrupted = true;
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** Runs one round: the queued requests, this thread's first, then hands the turn on and wakes the others. */
    private void lead(K key, Lane<Q, R> lane, Function<List<Q>, List<Outcome<R>>> together) {
        List<Waiter<Q, R>> round = new ArrayList<>();
        synchronized (lane) {
            while (round.size() < maxBatch && !lane.waiting.isEmpty()) round.add(lane.waiting.poll());
        }
        try {
            if (round.size() == 1) {
                Waiter<Q, R> only = round.get(0);
                try {
                    only.result = only.alone.get();
                } catch (Throwable e) {
                    only.failure = e;
                }
            } else {
                run(round, together);
            }
        } finally {
            passOn(key, lane);
            for (Waiter<Q, R> w : round) {
                w.state = Waiter.DONE;
                if (w.thread != Thread.currentThread()) LockSupport.unpark(w.thread);
            }
        }
    }

    private void run(List<Waiter<Q, R>> round, Function<List<Q>, List<Outcome<R>>> together) {
        List<Q> requests = new ArrayList<>(round.size());
        for (Waiter<Q, R> w : round) requests.add(w.request);
        try {
            List<Outcome<R>> outcomes = together.apply(requests);
            if (outcomes.size() != round.size()) {
                throw new IllegalStateException(outcomes.size() + " outcomes for " + round.size() + " requests");
            }
            for (int i = 0; i < round.size(); i++) {
                Outcome<R> o = outcomes.get(i);
                round.get(i).result = o.result();
                round.get(i).failure = o.failure();
            }
        } catch (Throwable e) {
            // nothing of the round applied (its transaction rolled back): every caller in it gets the failure
            for (Waiter<Q, R> w : round) {
                w.result = null;
                w.failure = e;
            }
        }
    }

    /** The work for {@code key} ended: the first waiter leads the next round, or the lane goes idle. */
    private void passOn(K key, Lane<Q, R> lane) {
        Waiter<Q, R> next;
        synchronized (lane) {
            next = lane.waiting.peek();
            if (next == null) {
                lane.busy = false;
                lane.retired = true;
                lanes.remove(key, lane);
                return;
            }
            next.state = Waiter.LEADS;
        }
        LockSupport.unpark(next.thread);
    }

    private static <R> R outcome(Waiter<?, R> me) {
        Throwable f = me.failure;
        if (f == null) return me.result;
        if (f instanceof RuntimeException e) throw e;
        if (f instanceof Error e) throw e;
        throw new IllegalStateException(f);
    }

    /** Keys with work running or waiting, for tests. */
    int activeKeys() {
        return lanes.size();
    }

    /** Callers queued on {@code key} (not counting the one whose work runs), for tests. */
    int waiting(K key) {
        Lane<Q, R> lane = lanes.get(key);
        if (lane == null) return 0;
        synchronized (lane) {
            return lane.waiting.size();
        }
    }
}

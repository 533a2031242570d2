package io.storesync.connector.kit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * Collects a response body into bytes, failing with {@link TooLarge} as soon as it passes a limit (or as soon as its
 * {@code Content-Length} announces it will), so an oversize body is never held in memory.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** The body passed the limit; the rest was not read. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
        final int limit;

        TooLarge(int limit) {
            super("response body exceeds " + limit + " bytes");
            this.limit = limit;
        }
    }

    private final int limit;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.@Nullable Subscription subscription;
    private volatile boolean done;

    private LimitedBody(int limit) {
        this.limit = limit;
    }

    static HttpResponse.BodyHandler<byte[]> handler(int limit) {
        return info -> {
            LimitedBody body = new LimitedBody(limit);
            long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
            if (declared > limit) body.fail();
            return body;
        };
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        this.subscription = s;
        if (done) {
            s.cancel();
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (done) return;
        for (ByteBuffer item : items) {
            if ((long) out.size() + item.remaining() > limit) {
                fail();
                if (subscription != null) subscription.cancel();
                return;
            }
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            out.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        done = true;
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        done = true;
        result.complete(out.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    private void fail() {
        done = true;
        result.completeExceptionally(new TooLarge(limit));
    }
}

package io.storesync.connector.kit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.storesync.spi.connector.ConnectorException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP transport a connector calls its marketplace with: a JDK {@link HttpClient} with a connect timeout and a
 * whole-call timeout, redirects never followed (they would carry tokens to another host), raw body bytes kept, secrets
 * redacted from every log line, and a {@link ConnectorEventListener} told about every call.
 *
 * <p>{@link #send} returns any HTTP response and throws only when there is none; {@link #exchange} also reads the JSON
 * body and turns the platform's error envelope into the SPI's typed exceptions. Both block the calling thread, may be
 * called concurrently, and throw only {@link ConnectorException} (plus {@code IllegalArgumentException} for a request
 * the JDK refuses, such as a restricted header). Build one per platform and share it.
 *
 * <pre>{@code
 * ConnectorHttp http = ConnectorHttp.builder("tiktok")
 *         .config(ConnectorHttpConfig.defaults())
 *         .classifier(ErrorClassifier.byCode(Map.of("36009002", Kind.RATE_LIMITED)))
 *         .envelope(ResponseEnvelope.fields("code", "message", "request_id", "0"::equals))
 *         .build();
 * JsonNode body = http.exchange(ConnectorRequest.get("product.search", uri));
 * }</pre>
 */
public final class ConnectorHttp {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorHttp.class);

    private final String platform;
    private final ConnectorHttpConfig config;
    private final HttpClient client;
    private final ConnectorErrors errors;
    private final ResponseEnvelope envelope;
    private final PlatformJson json;
    private final Redactor redactor;
    private final RetryAfter retryAfter;
    private final ConnectorEventListener listener;
    private final AtomicLong ids = new AtomicLong();

    private ConnectorHttp(Builder b) {
        this.platform = b.platform;
        this.config = b.config;
        this.redactor = b.redactor;
        this.errors = ConnectorErrors.of(b.platform, b.classifier).withRedactor(b.redactor);
        this.envelope = b.envelope;
        this.json = b.json != null ? b.json : PlatformJson.of(errors);
        this.retryAfter = b.retryAfter != null ? b.retryAfter : RetryAfter.standard(b.clock);
        this.listener = b.listener;
        this.client = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Starts building a client for one platform ({@code shopee}, {@code tiktok}, ...). */
    public static Builder builder(String platform) {
        return new Builder(platform);
    }

    /** The platform id this client names in exceptions and events. */
    public String platform() {
        return platform;
    }

    /** Its timeouts and limits (a connector's {@code lateWriteWindow()} is its whole-call timeout). */
    public ConnectorHttpConfig config() {
        return config;
    }

    /** The error mapping this client uses, for connectors that inspect bodies themselves. */
    public ConnectorErrors errors() {
        return errors;
    }

    /** The JSON reader this client uses. */
    public PlatformJson json() {
        return json;
    }

    /**
     * Sends the request and returns the response whatever its status.
     *
     * @throws ConnectorException (retryable, HTTP status 0) when no response arrived: connection failure, timeout,
     *                            interruption (the interrupt flag is restored)
     */
    public ConnectorResponse send(ConnectorRequest request) {
        HttpRequest httpRequest = toHttpRequest(request);
        ConnectorCall call = start(request);
        long started = System.nanoTime();
        ConnectorResponse response = transmit(call, httpRequest, started);
        end(call, response.status(), response.elapsed());
        return response;
    }

    /**
     * Sends the request, reads the body as JSON and checks the platform's envelope; returns the whole body tree on
     * success ({@link MissingNode} for a 204).
     *
     * @throws io.storesync.spi.connector.RateLimitedException         when the platform throttles
     * @throws io.storesync.spi.connector.CredentialsRejectedException when it rejects the credentials
     * @throws ConnectorException for transport failures and 5xx (retryable), other errors and malformed bodies
     */
    public JsonNode exchange(ConnectorRequest request) {
        HttpRequest httpRequest = toHttpRequest(request);
        ConnectorCall call = start(request);
        long started = System.nanoTime();
        ConnectorResponse response = transmit(call, httpRequest, started);
        try {
            JsonNode body = check(response);
            end(call, response.status(), response.elapsed());
            return body;
        } catch (ConnectorException e) {
            failed(call, response.elapsed(), e);
            throw e;
        }
    }

    private JsonNode check(ConnectorResponse response) {
        Optional<Duration> wait = retryAfter.parse(response.header("retry-after").orElse(null));
        if (response.status() == 204) return MissingNode.getInstance();
        JsonNode body;
        try {
            body = json.readTree(response.body(), response.status(), null);
        } catch (ConnectorException malformed) {
            if (response.isSuccessful()) throw malformed;
            // a gateway's HTML error page: the status says what happened
            throw errors.toException(new PlatformError(response.status(), null, null, null, wait.orElse(null)));
        }
        Optional<PlatformError> error;
        try {
            error = envelope.error(response, body);
        } catch (RuntimeException e) {
            if (!response.isSuccessful()) {
                throw errors.toException(new PlatformError(response.status(), null, null, null, wait.orElse(null)));
            }
            throw errors.malformedBody(response.status(), null, "unexpected envelope: " + redactor.text(
                    String.valueOf(e.getMessage())));
        }
        if (error.isPresent()) throw errors.toException(error.get().orRetryAfter(wait.orElse(null)));
        if (!response.isSuccessful()) {
            throw errors.toException(new PlatformError(response.status(), null, null, requestIdOf(body),
                    wait.orElse(null)));
        }
        return body;
    }

    /** Fails with {@code IllegalArgumentException} for what the JDK refuses (restricted headers, bad methods). */
    private HttpRequest toHttpRequest(ConnectorRequest request) {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri()).timeout(config.requestTimeout());
        if (request.headers().keySet().stream().noneMatch("User-Agent"::equalsIgnoreCase)) {
            b.header("User-Agent", config.userAgent());
        }
        request.headers().forEach((name, values) -> values.forEach(v -> b.header(name, v)));
        byte[] body = request.body();
        b.method(request.method(), body.length == 0 && !"POST".equals(request.method())
                && !"PUT".equals(request.method()) && !"PATCH".equals(request.method())
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return b.build();
    }

    private ConnectorResponse transmit(ConnectorCall call, HttpRequest httpRequest, long started) {
        LOG.debug("{} call {} -> {} {}", platform, call.id(), call.method(), call.url());
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(httpRequest, LimitedBody.handler(config.maxResponseBytes()));
        HttpResponse<byte[]> raw;
        try {
            // the JDK's request timeout stops at the response headers; this bounds the body too
            raw = future.get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw fail(call, started, errors.transportFailure(e, config.connectTimeout(), config.requestTimeout()));
        } catch (TimeoutException e) {
            future.cancel(true);
            throw fail(call, started, errors.transportFailure(e, config.connectTimeout(), config.requestTimeout()));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw fail(call, started, errors.transportFailure(cause, config.connectTimeout(), config.requestTimeout()));
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        ConnectorResponse response = new ConnectorResponse(raw.statusCode(), raw.headers().map(), raw.body(), elapsed);
        LOG.debug("{} call {} <- {} in {} ms {} {}", platform, call.id(), response.status(), elapsed.toMillis(),
                call.method(), call.url());
        notify(() -> listener.responseReceived(call, response.status(), elapsed));
        return response;
    }

    private @Nullable String requestIdOf(JsonNode body) {
        try {
            return envelope.requestId(body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private ConnectorCall start(ConnectorRequest request) {
        ConnectorCall call = new ConnectorCall(ids.incrementAndGet(), platform, request.operation(), request.method(),
                redactor.uri(request.uri()));
        notify(() -> listener.callStart(call));
        return call;
    }

    private void end(ConnectorCall call, int status, Duration elapsed) {
        notify(() -> listener.callEnd(call, status, elapsed));
    }

    private ConnectorException fail(ConnectorCall call, long started, ConnectorException e) {
        failed(call, Duration.ofNanos(System.nanoTime() - started), e);
        return e;
    }

    private void failed(ConnectorCall call, Duration elapsed, ConnectorException e) {
        LOG.debug("{} call {} failed after {} ms {} {}: {}", platform, call.id(), elapsed.toMillis(), call.method(),
                call.url(), e.getMessage());
        notify(() -> listener.callFailed(call, elapsed, e));
    }

    private void notify(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            LOG.warn("{} connector event listener failed; ignored", platform, e);
        }
    }

    @Override
    public String toString() {
        return "ConnectorHttp[" + platform + ", " + config + "]";
    }

    /** Builds a {@link ConnectorHttp}; only the platform is required. Not thread-safe. */
    public static final class Builder {
        private final String platform;
        private ConnectorHttpConfig config = ConnectorHttpConfig.defaults();
        private ErrorClassifier classifier = ErrorClassifier.byStatusOnly();
        private ResponseEnvelope envelope = ResponseEnvelope.httpStatusOnly();
        private Redactor redactor = Redactor.defaults();
        private ConnectorEventListener listener = ConnectorEventListener.NONE;
        private Clock clock = Clock.systemUTC();
        private @Nullable RetryAfter retryAfter;
        private @Nullable PlatformJson json;

        private Builder(String platform) {
            this.platform = Objects.requireNonNull(platform, "platform");
            if (platform.isBlank()) throw new IllegalArgumentException("platform is blank");
        }

        /** Timeouts and user agent; defaults to {@link ConnectorHttpConfig#defaults()}. */
        public Builder config(ConnectorHttpConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        /** The platform's error codes; defaults to deciding by HTTP status. */
        public Builder classifier(ErrorClassifier value) {
            this.classifier = Objects.requireNonNull(value, "classifier");
            return this;
        }

        /** Where the platform puts errors in its JSON; defaults to none (HTTP status only). */
        public Builder envelope(ResponseEnvelope value) {
            this.envelope = Objects.requireNonNull(value, "envelope");
            return this;
        }

        /** Which names are secret; defaults to {@link Redactor#defaults()}. */
        public Builder redactor(Redactor value) {
            this.redactor = Objects.requireNonNull(value, "redactor");
            return this;
        }

        /** Who hears about each call; defaults to {@link ConnectorEventListener#NONE}. */
        public Builder eventListener(ConnectorEventListener value) {
            this.listener = Objects.requireNonNull(value, "eventListener");
            return this;
        }

        /** The clock HTTP-date {@code Retry-After} values are measured against; defaults to UTC system time. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** How {@code Retry-After} is read; defaults to {@link RetryAfter#standard(Clock)} with this builder's clock. */
        public Builder retryAfter(RetryAfter value) {
            this.retryAfter = Objects.requireNonNull(value, "retryAfter");
            return this;
        }

        /** JSON reading with a custom mapper; defaults to {@link PlatformJson#newMapper()}. */
        public Builder json(PlatformJson value) {
            this.json = Objects.requireNonNull(value, "json");
            return this;
        }

        /** The client. */
        public ConnectorHttp build() {
            return new ConnectorHttp(this);
        }
    }
}

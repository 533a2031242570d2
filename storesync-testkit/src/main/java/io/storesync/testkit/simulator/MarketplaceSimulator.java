package io.storesync.testkit.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.storesync.api.store.StoreCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base of a marketplace simulator: a JDK {@code HttpServer} on {@code 127.0.0.1} and a free port, the state of its
 * shops, fault injection (scripted with {@link #failNext}, or at a rate with {@link #faults}), and a log of every
 * request. A subclass speaks one platform's wire format: it answers requests ({@link #handle}), renders faults the way
 * that platform does ({@link #faultResponse}), checks request authentication and signs webhooks — with code of its own,
 * never the connector's, so that a connector bug in signing cannot be mirrored by the simulator.
 *
 * <p>Thread-safe. Close it to stop the server.
 */
public abstract class MarketplaceSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MarketplaceSimulator.class);
    /** Request bodies above this are refused with 413 before they are read further. */
    private static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;

    /** A request as a subclass sees it: header names lower case, the raw body. */
    protected record Request(String method, String path, @Nullable String query, Map<String, List<String>> headers,
            byte[] body) {
        /** The first value of a header, by lower-case name. */
        public @Nullable String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** A query parameter, decoded. */
        public @Nullable String param(String name) {
            if (query == null) return null;
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (key.equals(name)) {
                    return eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }

    /** An answer. */
    protected record Response(int status, Map<String, String> headers, byte[] body) {
        /** A JSON answer. */
        public static Response json(int status, byte[] body) {
            return new Response(status, Map.of("Content-Type", "application/json"), body);
        }

        /** A copy with one more header (for subclasses in other packages, which cannot call the constructor). */
        public Response withHeader(String name, String value) {
            Map<String, String> copy = new java.util.LinkedHashMap<>(headers);
            copy.put(name, value);
            return new Response(status, Map.copyOf(copy), body);
        }

        /** Any answer; for simulators in other packages, which cannot call the constructor of this protected record. */
        public static Response of(int status, Map<String, String> headers, byte[] body) {
            return new Response(status, headers, body);
        }
    }

    /** The clock that dates orders, writes and webhook signatures. */
    protected final Clock clock;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, SimulatedShop> shops = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<Fault> scripted = new ConcurrentLinkedDeque<>();
    private final List<RecordedRequest> log = new CopyOnWriteArrayList<>();
    private final AtomicInteger injected = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile FaultPlan plan = FaultPlan.NONE;
    private Random random = FaultPlan.NONE.random();
    /** An exact plan's current block: which calls of it fail, and how many of its calls were made. */
    private boolean[] block = new boolean[0];
    private int blockPosition;

    /** Starts the server on {@code 127.0.0.1} and a free port. */
    protected MarketplaceSimulator(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        // The JDK server writes headers and body in separate segments; with Nagle's algorithm on, each answer then
        // waits for the client's delayed ACK (~40 ms). Read once per JVM when the first server starts; a host's own
        // setting wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the simulator's HTTP server", e);
        }
        AtomicInteger threads = new AtomicInteger();
        // cached: a SLOW fault holds a thread, and it must not hold up the other calls
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, getClass().getSimpleName() + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
    }

    /** The platform this simulator poses as. */
    public abstract String platform();

    /** The credentials a connector needs to call {@code shopId} (valid until {@link #revokeCredentials}). */
    public abstract StoreCredentials credentials(String shopId);

    /** From now on the shop's current credentials are refused (401), as after the seller revoked access. */
    public abstract void revokeCredentials(String shopId);

    /** A webhook saying order {@code orderId} changed, signed as the platform does at {@code signedAt}. */
    public abstract SignedDelivery orderWebhook(String shopId, String eventId, String orderId, Instant signedAt);

    /** A correctly signed webhook whose body is {@code bytes} long, for size limits. */
    public abstract SignedDelivery webhookOfSize(String shopId, String eventId, int bytes);

    /** Answers a request that no fault replaced; runs on a server thread. */
    protected abstract Response handle(Request request);

    /** What this platform answers in place of a request when {@code fault} is injected (never called for SLOW). */
    protected abstract Response faultResponse(Fault fault, FaultPlan plan);

    /** The server's root, {@code http://127.0.0.1:<port>}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The shop with this id, created empty on first use. */
    public SimulatedShop shop(String shopId) {
        return shops.computeIfAbsent(shopId, SimulatedShop::new);
    }

    /** Whether a shop exists. */
    protected boolean hasShop(String shopId) {
        return shops.containsKey(shopId);
    }

    /** Injects faults at a rate from now on ({@link FaultPlan#NONE} to stop). */
    public synchronized MarketplaceSimulator faults(FaultPlan value) {
        this.plan = Objects.requireNonNull(value, "plan");
        this.random = value.random();
        this.block = new boolean[0];
        this.blockPosition = 0;
        return this;
    }

    /** The next calls fail with these faults, in order, before any rate-based fault is drawn. */
    public MarketplaceSimulator failNext(Fault... faults) {
        scripted.addAll(List.of(faults));
        return this;
    }

    /** Every request received, in order of completion. */
    public List<RecordedRequest> requests() {
        return List.copyOf(log);
    }

    /** How many faults were injected so far. */
    public int faultsInjected() {
        return injected.get();
    }

    /**
     * Requests received whose answer is not logged yet: a {@link Fault#SLOW} one is logged only once its delay has
     * passed, after the client may have given up on it. A test that counts {@link #requests()} against the faults it
     * asked for waits for this to be zero first, or it misses calls that were already drawn.
     */
    public int requestsInFlight() {
        return inFlight.get();
    }

    private synchronized @Nullable Fault draw() {
        Fault next = scripted.poll();
        if (next != null) return next;
        if (plan.rate() <= 0) return null;
        if (plan.exact()) {
            if (blockPosition >= block.length) {
                block = plan.nextBlock(random);
                blockPosition = 0;
            }
            if (!block[blockPosition++]) return null;
        } else if (random.nextDouble() >= plan.rate()) {
            return null;
        }
        return plan.kinds().get(random.nextInt(plan.kinds().size()));
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        inFlight.incrementAndGet();
        try (exchange) {
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_REQUEST_BYTES + 1);
            }
            URI uri = exchange.getRequestURI();
            Request request = new Request(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), headers, body);
            Fault fault = draw();
            Response response;
            if (body.length > MAX_REQUEST_BYTES) {
                response = Response.json(413, "{}".getBytes(StandardCharsets.UTF_8));
            } else if (fault == null || fault == Fault.SLOW) {
                if (fault == Fault.SLOW) sleep(plan.slowDelay().toMillis());
                response = safely(request);
            } else {
                response = faultResponse(fault, plan);
            }
            if (fault != null) injected.incrementAndGet();
            log.add(new RecordedRequest(Instant.now(clock), request.method(), request.path(), request.query(), headers,
                    body, response.status(), fault));
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] out = response.body();
            exchange.sendResponseHeaders(response.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away (a timed-out SLOW call); nothing to answer
            LOG.debug("{} simulator: exchange aborted: {}", platform(), e.toString());
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private Response safely(Request request) {
        try {
            return handle(request);
        } catch (RuntimeException e) {
            LOG.warn("{} simulator failed on {} {}", platform(), request.method(), request.path(), e);
            return Response.json(500, "{\"error\":{\"code\":\"simulator_error\"}}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every shop's id. */
    protected List<String> shopIds() {
        return new ArrayList<>(shops.keySet());
    }

    /** Stops the server at once. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

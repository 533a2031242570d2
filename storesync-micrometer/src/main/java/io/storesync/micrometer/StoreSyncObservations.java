package io.storesync.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import io.storesync.api.job.Job;
import io.storesync.api.job.JobInterceptor;
import io.storesync.api.job.JobType;
import io.storesync.connector.kit.ConnectorCall;
import io.storesync.connector.kit.ConnectorEventListener;
import io.storesync.spi.connector.ConnectorException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * StoreSync's work as Micrometer Observations, so a tracing bridge (Brave, OpenTelemetry) sees one trace from an
 * enqueue to the job run that follows it, with the run's connector calls as its children. Give it to the builder as
 * both {@code jobInterceptor} and the connectors' {@code ConnectorEventListener} tag (the Boot starter does when an
 * {@link ObservationRegistry} bean exists). Observations:
 *
 * <ul>
 *   <li>{@code storesync.job.enqueue} (a {@link SenderContext}, producer): started and stopped on the enqueueing
 *       thread, as a child of whatever observation is current there (the host's request, or a job run that enqueues
 *       the next job). The tracing handler writes its context into the carrier; the {@value #TRACEPARENT} entry is
 *       what the job row keeps ({@code sync_jobs.trace_context}).
 *   <li>{@code storesync.job.run} (a {@link ReceiverContext}, consumer): around the run on the worker thread, its
 *       carrier holding the stored {@value #TRACEPARENT}, so the tracing handler continues the producer's trace on
 *       whichever instance claimed the job. Open in scope while the job runs.
 *   <li>{@code storesync.connector.call}: one per HTTP call of a connector built on the connector kit, child of the
 *       observation current on the calling thread (the job run).
 * </ul>
 *
 * Low-cardinality keys: {@code job.type}, {@code platform}, {@code operation}, {@code outcome}; high-cardinality:
 * {@code job.id}, {@code job.attempt}, {@code http.status}. Never an organization or store id, never a URL (its query
 * may name a shop).
 */
public final class StoreSyncObservations implements JobInterceptor, ConnectorEventListener {
    /** The W3C Trace Context header a tracing bridge writes and reads. */
    public static final String TRACEPARENT = "traceparent";
    private final ObservationRegistry registry;
    /** Calls in flight; keyed by the call, whose id is unique within its connector's client. */
    private final Map<ConnectorCall, Observation> calls = new ConcurrentHashMap<>();

    public StoreSyncObservations(ObservationRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    private static String tag(JobType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public @Nullable String producerContext(JobType type) {
        if (registry.isNoop()) return null;
        Map<String, String> carrier = new HashMap<>();
        SenderContext<Map<String, String>> context = new SenderContext<>((c, key, value) -> c.put(key, value), Kind.PRODUCER);
        context.setCarrier(carrier);
        context.setRemoteServiceName("storesync-job-queue");
        Observation.createNotStarted("storesync.job.enqueue", () -> context, registry)
                .contextualName("enqueue " + tag(type))
                .lowCardinalityKeyValue("job.type", tag(type))
                .observe(() -> { });
        return carrier.get(TRACEPARENT);
    }

    @Override
    @SuppressWarnings("try") // the scope is what matters: connector calls inside find the run as their parent
    public void around(Job job, @Nullable String producerContext, Work work) throws Exception {
        Map<String, String> carrier = producerContext == null ? Map.of() : Map.of(TRACEPARENT, producerContext);
        ReceiverContext<Map<String, String>> context = new ReceiverContext<>(Map::get, Kind.CONSUMER);
        context.setCarrier(carrier);
        context.setRemoteServiceName("storesync-job-queue");
        Observation observation = Observation.createNotStarted("storesync.job.run", () -> context, registry)
                .contextualName("run " + tag(job.type()))
                .lowCardinalityKeyValue("job.type", tag(job.type()))
                .highCardinalityKeyValue("job.id", job.id().value().toString())
                .highCardinalityKeyValue("job.attempt", Integer.toString(job.attempt()))
                .start();
        try (Observation.Scope scope = observation.openScope()) {
            work.run();
        } catch (Exception | Error e) {
            observation.error(e);
            throw e;
        } finally {
            observation.stop();
        }
    }

    @Override
    public void callStart(ConnectorCall call) {
        Observation observation = Observation.createNotStarted("storesync.connector.call", registry)
                .parentObservation(registry.getCurrentObservation())
                .contextualName(call.platform() + " " + call.operation())
                .lowCardinalityKeyValue("platform", call.platform())
                .lowCardinalityKeyValue("operation", call.operation())
                .start();
        calls.put(call, observation);
    }

    @Override
    public void callEnd(ConnectorCall call, int status, Duration elapsed) {
        Observation observation = calls.remove(call);
        if (observation == null) return;
        observation.lowCardinalityKeyValue("outcome", "success")
                .highCardinalityKeyValue("http.status", Integer.toString(status)).stop();
    }

    @Override
    public void callFailed(ConnectorCall call, Duration elapsed, ConnectorException failure) {
        Observation observation = calls.remove(call);
        if (observation == null) return;
        observation.lowCardinalityKeyValue("outcome", "failure")
                .highCardinalityKeyValue("http.status", Integer.toString(failure.httpStatus())).error(failure).stop();
    }
}

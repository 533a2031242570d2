package io.storesync.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.Tenant;
import io.storesync.api.job.Workers;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.NewStore;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreSettings;
import io.storesync.connector.kit.ConnectorEventListener;
import io.storesync.spi.connector.ConnectorSettings;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.simulator.SimulatedListing;
import io.storesync.testkit.simulator.WebsiteSimulator;
import io.storesync.testkit.tck.JobQueueCompatibilityKit;
import io.storesync.testkit.tck.SyncFixture;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tracing through the Observation API on a real engine: a store connected inside a host request enqueues its
 * catalogue import; the worker's run of that job continues the request's trace from the {@code traceparent} stored in
 * {@code sync_jobs.trace_context}, and the website connector's HTTP calls to the simulator are the run's children.
 * The tracer is {@link InMemoryTracing}, an observation handler written here that propagates W3C trace context
 * through the carriers as a tracing bridge's propagating handlers do.
 */
// try-with-resources scopes the workers' lifetime; the handle itself is not used in the body
@SuppressWarnings("try")
@ExtendWith(StoreSyncDatabaseExtension.class)
class StoreSyncObservationsIT {
    private final TestDatabase db;
    private final WebsiteSimulator site = WebsiteSimulator.start();

    StoreSyncObservationsIT(TestDatabase db) {
        this.db = db;
    }

    @AfterEach
    void close() {
        site.close();
    }

    @Test
    void anEnqueueAndTheJobRunThatFollowsShareOneTraceAndConnectorCallsAreItsChildren() throws Exception {
        InMemoryTracing tracing = new InMemoryTracing();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(tracing);
        StoreSyncObservations observations = new StoreSyncObservations(registry);
        StoreSync sync = db.storeSyncBuilder().credentialKeys(SyncFixture.KEYS)
                .connectorSettings(new ConnectorSettings("custom_website", Map.of("allow_http", "true"), Map.of()))
                .jobInterceptor(observations).connectorTag(ConnectorEventListener.class, observations).build();
        UserId owner = UserId.random();
        Organization org = sync.createOrganization(NewOrganization.of("Traced", "traced-" + owner.value(), owner,
                owner.value() + "@example.com", "Owner"));
        Tenant shop = sync.tenant(org.id(), Actor.user(owner));
        site.shop("traced-shop").add(new SimulatedListing("P-1", null, "KOPI", new BigDecimal("10.00"), 3, true));

        // the host's request: connecting the store enqueues its catalogue import
        Observation request = Observation.start("host.request", registry);
        Store store;
        try (Observation.Scope scope = request.openScope()) {
            store = shop.stores().connect(new NewStore("custom_website", "Traced", "traced-shop",
                    site.credentials("traced-shop"), StoreSettings.DEFAULTS));
        } finally {
            request.stop();
        }
        Span requestSpan = tracing.named("host.request").get(0);
        Span enqueue = tracing.named("storesync.job.enqueue").stream()
                .filter(s -> requestSpan.spanId().equals(s.parentId())).findFirst().orElseThrow();
        // the row keeps exactly the producer span's traceparent
        assertThat(storedContexts(org)).contains("00-" + enqueue.traceId() + "-" + enqueue.spanId() + "-01");

        try (Workers workers = sync.startWorkers(JobQueueCompatibilityKit.fast(1))) {
            SyncFixture.await("the catalogue import run", Duration.ofSeconds(60),
                    () -> tracing.named("storesync.job.run").stream().anyMatch(s -> "catalogue_import".equals(s.jobType())));
        }
        Span run = tracing.named("storesync.job.run").stream().filter(s -> "catalogue_import".equals(s.jobType()))
                .findFirst().orElseThrow();
        assertThat(run.traceId()).as("the run continues the request's trace").isEqualTo(requestSpan.traceId());
        assertThat(run.parentId()).as("the run's parent is the enqueue").isEqualTo(enqueue.spanId());
        List<Span> calls = tracing.named("storesync.connector.call").stream()
                .filter(s -> run.spanId().equals(s.parentId())).toList();
        assertThat(calls).as("the import's calls to the site are the run's children").isNotEmpty()
                .allSatisfy(c -> assertThat(c.traceId()).isEqualTo(requestSpan.traceId()));
        assertThat(calls.size()).isLessThanOrEqualTo(site.requests().size());
        assertThat(store.platform()).isEqualTo("custom_website");
        sync.close();
    }

    private List<String> storedContexts(Organization org) throws Exception {
        try (Connection c = db.ownerDataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET search_path = " + db.schema() + ", public");
            List<String> contexts = new java.util.ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT trace_context FROM sync_jobs WHERE organization_id = '"
                    + org.id().value() + "' AND trace_context IS NOT NULL")) {
                while (rs.next()) contexts.add(rs.getString(1));
            }
            return contexts;
        }
    }

    /** A finished span as the in-memory tracer recorded it. */
    record Span(String name, String traceId, String spanId, @Nullable String parentId, @Nullable String jobType) {}

    /**
     * A minimal tracer as an observation handler: a span per observation, its parent the parent observation's span
     * or, for a receiver, the span named by the carrier's {@code traceparent}; a sender's span is written into its
     * carrier. What Brave's or OpenTelemetry's propagating handlers do, without their dependencies.
     */
    static final class InMemoryTracing implements ObservationHandler<Observation.Context> {
        private final List<Span> finished = new CopyOnWriteArrayList<>();

        private static String id(int bytes) {
            byte[] b = new byte[bytes];
            ThreadLocalRandom.current().nextBytes(b);
            return HexFormat.of().formatHex(b);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void onStart(Observation.Context context) {
            String traceId = null;
            String parentId = null;
            if (context instanceof ReceiverContext<?> receiver) {
                ReceiverContext<Object> r = (ReceiverContext<Object>) receiver;
                String header = r.getGetter().get(r.getCarrier(), StoreSyncObservations.TRACEPARENT);
                if (header != null) {
                    String[] parts = header.split("-");
                    traceId = parts[1];
                    parentId = parts[2];
                }
            } else if (context.getParentObservation() != null) {
                Span parent = context.getParentObservation().getContextView().get(Span.class);
                if (parent != null) {
                    traceId = parent.traceId();
                    parentId = parent.spanId();
                }
            }
            String jobType = context.getLowCardinalityKeyValue("job.type") == null ? null
                    : context.getLowCardinalityKeyValue("job.type").getValue();
            Span span = new Span(context.getName(), traceId != null ? traceId : id(16), id(8), parentId, jobType);
            context.put(Span.class, span);
            if (context instanceof SenderContext<?> sender) {
                SenderContext<Object> s = (SenderContext<Object>) sender;
                s.getSetter().set(s.getCarrier(), StoreSyncObservations.TRACEPARENT,
                        "00-" + span.traceId() + "-" + span.spanId() + "-01");
            }
        }

        @Override
        public void onStop(Observation.Context context) {
            Span span = context.get(Span.class);
            if (span != null) finished.add(span);
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }

        List<Span> named(String name) {
            return finished.stream().filter(s -> s.name().equals(name)).toList();
        }
    }
}

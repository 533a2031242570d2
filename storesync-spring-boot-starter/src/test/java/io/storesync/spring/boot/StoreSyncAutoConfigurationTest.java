package io.storesync.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import com.zaxxer.hikari.HikariDataSource;
import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.PageRequest;
import io.storesync.api.Tenant;
import io.storesync.api.catalogue.NewProduct;
import io.storesync.api.catalogue.ProductQuery;
import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.job.WorkerOptions;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.SenderContext;
import io.storesync.micrometer.StoreSyncObservations;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.UserId;
import io.storesync.api.StoreSyncException;
import io.storesync.api.StoreSyncListener;
import io.storesync.micrometer.StoreSyncConnectorMetrics;
import io.storesync.micrometer.StoreSyncMetrics;
import io.storesync.micrometer.StoreSyncQueueMetrics;
import io.storesync.testkit.CountingDataSource;
import io.storesync.testkit.FakeMarketplace;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.connector.kit.ConnectorCall;
import io.storesync.connector.kit.ConnectorEventListener;
import io.storesync.spi.connector.Connector;
import io.storesync.spi.connector.ConnectorProvider;
import io.storesync.spi.connector.ConnectorSettings;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Every condition of the auto-configuration, each in an {@link ApplicationContextRunner} on the embedded PostgreSQL. */
@ExtendWith(StoreSyncDatabaseExtension.class)
class StoreSyncAutoConfigurationTest {
    private final TestDatabase db;
    private final ApplicationContextRunner runner;

    StoreSyncAutoConfigurationTest(TestDatabase db) {
        this.db = db;
        this.runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(StoreSyncAutoConfiguration.class,
                        StoreSyncMetricsAutoConfiguration.class, StoreSyncHealthAutoConfiguration.class,
                        StoreSyncEndpointAutoConfiguration.class, StoreSyncTracingAutoConfiguration.class))
                .withPropertyValues("storesync.worker.threads=1");
    }

    private ApplicationContextRunner withDatabase() {
        return runner.withBean(DataSource.class, () -> db.newAppPool(6)).withPropertyValues(Hosts.ownerMigration(db));
    }

    @Test
    void withoutADataSourceNothingIsConfigured() {
        runner.run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx).doesNotHaveBean(StoreSync.class).doesNotHaveBean(StoreSyncMigrator.class)
                    .doesNotHaveBean(StoreSyncWorkersLifecycle.class).doesNotHaveBean(StoreSyncHealthIndicator.class);
        });
    }

    @Test
    void turnedOffNothingIsConfiguredEvenWithADataSource() {
        withDatabase().withPropertyValues("storesync.enabled=false").run(ctx ->
                assertThat(ctx).hasNotFailed().doesNotHaveBean(StoreSync.class).doesNotHaveBean(StoreSyncMigrator.class)
                        .doesNotHaveBean(StoreSyncMetrics.class));
    }

    @Test
    void withADataSourceTheSchemaIsMigratedStoreSyncBuiltAndWorkersRunning() {
        withDatabase().run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(StoreSync.class).hasSingleBean(StoreSyncMigrator.class);
            // the template database is migrated already: the migrator ran and found nothing to apply
            assertThat(ctx.getBean(StoreSyncMigrator.class).applied()).isZero();
            assertThat(ctx.getBean(StoreSyncWorkersLifecycle.class).isRunning()).isTrue();
            StoreSync sync = ctx.getBean(StoreSync.class);
            assertThat(sync.platforms()).isNotEmpty();
            Health health = ctx.getBean(StoreSyncHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("workers", "running")
                    .containsKeys("oldestDueJobAgeSeconds", "failedJobs", "storesNeedingReauthorization");
            // the endpoint exists only where the host exposes it
            assertThat(ctx).doesNotHaveBean(StoreSyncEndpoint.class);
            // not a Flyway bean: Boot's own Flyway would back off for one
            assertThat(ctx.getBeansOfType(org.flywaydb.core.Flyway.class)).isEmpty();
        });
    }

    @Test
    void theReadOnlyEndpointIsThereWhenExposed() {
        withDatabase().withPropertyValues("storesync.worker.enabled=false",
                "management.endpoints.web.exposure.include=storesync").run(ctx -> {
                    assertThat(ctx).hasNotFailed().hasSingleBean(StoreSyncEndpoint.class);
                    assertThat(ctx.getBean(StoreSyncEndpoint.class).overview())
                            .containsKeys("queue", "stores", "oldestDueJobAgeSeconds");
                });
    }

    @Test
    void workerPropertiesReachTheWorkersOptions() {
        withDatabase().withPropertyValues("storesync.worker.threads=3", "storesync.worker.shutdown-timeout=7s",
                "storesync.worker.missed-webhook-sweep-interval=0s").run(ctx -> {
                    WorkerOptions options = ctx.getBean(StoreSyncWorkersLifecycle.class).options();
                    assertThat(options.threads()).isEqualTo(3);
                    assertThat(options.shutdownTimeout()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(options.missedWebhookSweepInterval()).isZero();
                });
    }

    @Test
    void withWorkersOffNoWorkersRunAndHealthIsUpSayingSo() {
        withDatabase().withPropertyValues("storesync.worker.enabled=false").run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(StoreSync.class).doesNotHaveBean(StoreSyncWorkersLifecycle.class);
            Health health = ctx.getBean(StoreSyncHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("workers", "disabled");
        });
    }

    @Test
    void stoppedWorkersMakeHealthDown() {
        withDatabase().run(ctx -> {
            StoreSyncWorkersLifecycle workers = ctx.getBean(StoreSyncWorkersLifecycle.class);
            workers.stop();
            assertThat(ctx.getBean(StoreSyncHealthIndicator.class).health().getStatus()).isEqualTo(Status.DOWN);
            workers.start();
            assertThat(ctx.getBean(StoreSyncHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void migratingWithoutTheOwnerRoleFailsNamingTheProperty() {
        runner.withBean(DataSource.class, () -> db.newAppPool(6)).run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().isInstanceOf(StoreSyncException.class)
                    .hasMessageContaining("storesync.migration.user");
        });
    }

    @Test
    void migrationOffStartsWithoutTheOwnerRole() {
        runner.withBean(DataSource.class, () -> db.newAppPool(6))
                .withPropertyValues("storesync.migration.enabled=false", "storesync.schema=" + db.schema())
                .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(StoreSync.class).doesNotHaveBean(StoreSyncMigrator.class));
    }

    @Test
    void metricsAreAbsentWithoutARegistryBeanOrWithoutMicrometer() {
        withDatabase().run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(StoreSyncMetrics.class)
                .doesNotHaveBean(StoreSyncQueueMetrics.class));
        withDatabase().withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withClassLoader(new FilteredClassLoader(MeterRegistry.class, StoreSyncMetrics.class))
                .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(StoreSync.class).doesNotHaveBean(StoreSyncMetrics.class));
    }

    @Test
    void withARegistryTheEngineReportsToMicrometer() {
        withDatabase().withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(StoreSyncMetrics.class).hasSingleBean(StoreSyncQueueMetrics.class)
                    .hasSingleBean(StoreSyncConnectorMetrics.class);
            MeterRegistry registry = ctx.getBean(MeterRegistry.class);
            ctx.getBean(StoreSyncQueueMetrics.class).bindTo(registry);
            assertThat(registry.get("storesync.jobs.queue.lag").gauge().value()).isGreaterThanOrEqualTo(0.0);
        });
    }

    @Test
    void aHostsStoreSyncBeanReplacesTheAutoConfiguredOne() {
        withDatabase().withPropertyValues("storesync.worker.enabled=false")
                .withBean("hostStoreSync", StoreSync.class, () -> db.storeSyncBuilder().build())
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed().hasSingleBean(StoreSync.class);
                    assertThat(ctx.getBeanNamesForType(StoreSync.class)).containsExactly("hostStoreSync");
                });
    }

    @Test
    void customizersListenersAndConnectorBeansFromTheContextAreUsed() {
        AtomicInteger customized = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        AtomicInteger rejectedToo = new AtomicInteger();
        FakeMarketplace fake = FakeMarketplace.create("shopee");
        withDatabase().withPropertyValues("storesync.worker.enabled=false")
                .withBean(StoreSyncBuilderCustomizer.class, () -> b -> customized.incrementAndGet())
                .withBean("first", StoreSyncListener.class, () -> new StoreSyncListener() {
                    @Override
                    public void appWebhookRejected(String platform, String reason) {
                        rejected.incrementAndGet();
                        throw new IllegalStateException("a failing listener never stops the next one");
                    }
                })
                .withBean("second", StoreSyncListener.class, () -> new StoreSyncListener() {
                    @Override
                    public void appWebhookRejected(String platform, String reason) {
                        rejectedToo.incrementAndGet();
                    }
                })
                .withBean(io.storesync.spi.connector.ConnectorProvider.class, fake::provider)
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(customized).hasValue(1);
                    StoreSync sync = ctx.getBean(StoreSync.class);
                    // the connector bean serves shopee (without it: "no connector"); the fake does not verify with an
                    // app secret, so the delivery is refused, and both listeners hear it, the failing one first
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> sync.receiveWebhook("shopee",
                            java.util.Map.of(), new byte[] {'{', '}'})).isInstanceOf(StoreSyncException.class)
                            .hasMessageContaining("does not sign webhooks with an app secret");
                    assertThat(rejected).hasValue(1);
                    assertThat(rejectedToo).hasValue(1);
                });
    }

    @Test
    void connectorEventListenerBeansAndTheConnectorMetersAreHandedToEveryConnector() {
        FakeMarketplace fake = FakeMarketplace.create("shopee");
        AtomicReference<ConnectorSettings> given = new AtomicReference<>();
        AtomicInteger heard = new AtomicInteger();
        ConnectorProvider capturing = new ConnectorProvider() {
            @Override
            public String platform() {
                return "shopee";
            }

            @Override
            public Connector create(ConnectorSettings settings) {
                given.set(settings);
                return fake.provider().create(settings);
            }
        };
        withDatabase().withPropertyValues("storesync.worker.enabled=false",
                        "storesync.connectors.shopee.values.region=sg")
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean(ConnectorProvider.class, () -> capturing)
                .withBean("failingCallListener", ConnectorEventListener.class, () -> new ConnectorEventListener() {
                    @Override
                    public void callStart(ConnectorCall call) {
                        throw new IllegalStateException("a failing listener never stops the next one");
                    }
                })
                .withBean("countingCallListener", ConnectorEventListener.class, () -> new ConnectorEventListener() {
                    @Override
                    public void callStart(ConnectorCall call) {
                        heard.incrementAndGet();
                    }
                })
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed().hasSingleBean(StoreSync.class);
                    ConnectorSettings settings = given.get();
                    // the platform's own settings from the properties, plus the engine's tag
                    assertThat(settings.value("region")).hasValue("sg");
                    ConnectorEventListener listener = ConnectorEventListener.from(settings);
                    assertThat(listener).isNotSameAs(ConnectorEventListener.NONE);
                    ConnectorCall call = new ConnectorCall(1, "shopee", "update_stock", "POST", "https://x.example/api");
                    listener.callStart(call);
                    listener.callEnd(call, 200, Duration.ofMillis(12));
                    assertThat(heard).hasValue(1);
                    // the micrometer module's listener is among them
                    assertThat(ctx.getBean(MeterRegistry.class).get("storesync.connector.requests")
                            .tags("platform", "shopee", "operation", "update_stock", "outcome", "success").timer().count())
                            .isEqualTo(1);
                });
    }

    @Test
    void aReadReplicaFromPropertiesServesReportsAndIsHeldToTheSameRoleRule() {
        HikariDataSource app = (HikariDataSource) db.appDataSource();
        HikariDataSource owner = (HikariDataSource) db.ownerDataSource();
        // the replica played by read-only sessions on the same database (pgjdbc's options), set by the URL alone
        String readOnlyUrl = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?")
                + "options=-c%20default_transaction_read_only%3Don";
        withDatabase().withPropertyValues("storesync.worker.enabled=false", "storesync.read-replica.url=" + readOnlyUrl,
                "storesync.read-replica.username=" + app.getUsername(),
                "storesync.read-replica.password=" + app.getPassword()).run(ctx -> {
                    assertThat(ctx).hasNotFailed().hasSingleBean(StoreSyncReadReplica.class);
                    // not a DataSource bean: Boot's own DataSource would back off
                    assertThat(ctx.getBeansOfType(DataSource.class)).hasSize(1);
                    StoreSync sync = ctx.getBean(StoreSync.class);
                    UserId user = UserId.random();
                    Organization org = sync.createOrganization(NewOrganization.of("Replica", "replica-" + user.value(),
                            user, user.value() + "@example.com", "R"));
                    Tenant tenant = sync.tenant(org.id(), Actor.user(user));
                    tenant.catalogue().createProduct(NewProduct.of("REPLICA-KOPI", "Replica Kopi"));
                    assertThat(tenant.catalogue().listProducts(ProductQuery.search("Replica Kopi"), PageRequest.first(5)).items())
                            .hasSize(1);
                });
        // the property pool is the one StoreSync checks: as the schema owner it bypasses row-level security, refused
        withDatabase().withPropertyValues("storesync.worker.enabled=false", "storesync.read-replica.url=" + db.jdbcUrl(),
                "storesync.read-replica.username=" + owner.getUsername(),
                "storesync.read-replica.password=" + owner.getPassword()).run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).rootCause().isInstanceOf(StoreSyncException.class)
                            .hasMessageContaining("owns schema");
                });
    }

    @Test
    void aHostsReadReplicaBeanTakesTheReportsAndNothingElse() {
        CountingDataSource counting = CountingDataSource.of(db.newAppPool(2));
        withDatabase().withPropertyValues("storesync.worker.enabled=false")
                .withBean(StoreSyncReadReplica.class, () -> StoreSyncReadReplica.of(counting.dataSource())).run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    StoreSync sync = ctx.getBean(StoreSync.class);
                    int afterStart = counting.connections();
                    UserId user = UserId.random();
                    Organization org = sync.createOrganization(NewOrganization.of("Replica", "replica-" + user.value(),
                            user, user.value() + "@example.com", "R"));
                    Tenant tenant = sync.tenant(org.id(), Actor.user(user));
                    tenant.catalogue().createProduct(NewProduct.of("REPLICA-TEH", "Replica Teh"));
                    assertThat(counting.connections()).isEqualTo(afterStart);
                    tenant.catalogue().listProducts(ProductQuery.search("Replica Teh"), PageRequest.first(5));
                    tenant.inventory().reorderReport();
                    assertThat(counting.connections() - afterStart).isEqualTo(2);
                });
    }

    @Test
    void withAnObservationRegistryEnqueuedJobsKeepTheProducersTraceContext() {
        withDatabase().withPropertyValues("storesync.worker.enabled=false").run(ctx ->
                assertThat(ctx).hasNotFailed().doesNotHaveBean(StoreSyncObservations.class));
        withDatabase().withPropertyValues("storesync.worker.enabled=false", "storesync.tracing.enabled=false")
                .withBean(ObservationRegistry.class, ObservationRegistry::create).run(ctx ->
                        assertThat(ctx).hasNotFailed().doesNotHaveBean(StoreSyncObservations.class));
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        withDatabase().withPropertyValues("storesync.worker.enabled=false")
                .withBean(ObservationRegistry.class, () -> {
                    ObservationRegistry registry = ObservationRegistry.create();
                    // a stand-in for a tracing bridge's sender handler: it writes a fixed context into the carrier
                    registry.observationConfig().observationHandler(new ObservationHandler<SenderContext<Object>>() {
                        @Override
                        public void onStart(SenderContext<Object> context) {
                            context.getSetter().set(context.getCarrier(), "traceparent", traceparent);
                        }

                        @Override
                        public boolean supportsContext(Observation.Context context) {
                            return context instanceof SenderContext;
                        }
                    });
                    return registry;
                }).run(ctx -> {
                    assertThat(ctx).hasNotFailed().hasSingleBean(StoreSyncObservations.class);
                    StoreSync sync = ctx.getBean(StoreSync.class);
                    UserId user = UserId.random();
                    Organization org = sync.createOrganization(NewOrganization.of("Traced", "traced-" + user.value(),
                            user, user.value() + "@example.com", "R"));
                    sync.tenant(org.id(), Actor.user(user)).jobs().enqueue(NewJob.of(JobType.NO_OP, null));
                    assertThat(Hosts.ownerCount(db, "SELECT count(*) FROM sync_jobs WHERE organization_id = '"
                            + org.id().value() + "' AND trace_context = '" + traceparent + "'")).isEqualTo(1);
                });
    }

    @Test
    void credentialKeysFromPropertiesAreCheckedAndNeverEchoed() {
        withDatabase().withPropertyValues("storesync.worker.enabled=false", "storesync.credential-keys.current=k1",
                "storesync.credential-keys.keys.k1=not*base64*secret-value").run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("storesync.credential-keys.keys.k1")
                            .hasMessageNotContaining("secret-value");
                });
    }
}

package io.storesync.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import io.storesync.StoreSync;
import io.storesync.api.ErrorCode;
import io.storesync.api.PageRequest;
import io.storesync.api.Secret;
import io.storesync.api.StoreSyncException;
import io.storesync.api.ValidationException;
import io.storesync.api.catalogue.ProductQuery;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.NewLocation;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.order.OrderQuery;
import io.storesync.api.organization.NewMember;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Role;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.NewStore;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.store.StoreSettings;
import io.storesync.internal.jdbi.JdbiPersistenceProvider;
import io.storesync.testkit.FakeMarketplace;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.SyncFixture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 10 item 21 for the inputs that are not orders: text PostgreSQL cannot store (U+0000, which its text types
 * refuse, and half a surrogate pair, which the driver would store as '?') is refused at the API boundary with a typed
 * {@link ValidationException}, never an internal error, and nothing is written.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
class UnstorableTextIT {
    private static TestDatabase db;
    private static StoreSync sync;
    private static SyncFixture fx;
    private static SyncFixture.Org org;
    private static VariantId variant;
    private static LocationId location;
    private static Store store;

    /** What each case works on: made once, through the public API. */
    private static synchronized void open(TestDatabase database) {
        if (db == database) return;
        db = database;
        fx = new SyncFixture(db, FakeMarketplace.create(),
                (ds, schema) -> StoreSync.builder().dataSource(ds).schema(schema).persistence(new JdbiPersistenceProvider()));
        sync = db.storeSyncBuilder().credentialKeys(SyncFixture.KEYS).connector(fx.fake.provider()).build();
        org = fx.organization(sync);
        variant = fx.variant(org, "TXT-1", 10);
        location = fx.mainLocation(org);
        store = fx.store(org, "txt-shop", StoreSettings.DEFAULTS);
    }

    UnstorableTextIT(TestDatabase database) {
        open(database);
    }

    static Stream<Arguments> inputs() {
        List<Arguments> cases = new ArrayList<>();
        Map<String, Consumer<String>> inputs = new java.util.LinkedHashMap<>();
        inputs.put("location name", bad -> org.owner().locations().create(NewLocation.named("Loc " + bad)));
        inputs.put("location address", bad -> org.owner().locations().create(new NewLocation("Loc", Map.of("street", bad), false)));
        inputs.put("location rename", bad -> org.owner().locations().update(location, "Main " + bad, null));
        inputs.put("organization name", bad -> sync.createOrganization(NewOrganization.of("Org " + bad, "org-" + tag(),
                UserId.random(), tag() + "@example.com", "Owner")));
        inputs.put("organization owner name", bad -> sync.createOrganization(NewOrganization.of("Org", "org-" + tag(),
                UserId.random(), tag() + "@example.com", "Owner " + bad)));
        inputs.put("organization owner email", bad -> sync.createOrganization(NewOrganization.of("Org", "org-" + tag(),
                UserId.random(), tag() + bad + "@example.com", "Owner")));
        inputs.put("member email", bad -> org.owner().members().add(new NewMember(UserId.random(), tag() + bad + "@example.com",
                "Member", Role.MEMBER)));
        inputs.put("member name", bad -> org.owner().members().add(new NewMember(UserId.random(), tag() + "@example.com",
                "Member " + bad, Role.MEMBER)));
        inputs.put("store name", bad -> org.owner().stores().connect(newStore("Shop " + bad, "shop-" + tag())));
        inputs.put("store platform id", bad -> org.owner().stores().connect(newStore("Shop", "shop-" + tag() + bad)));
        inputs.put("store flag reason", bad -> org.owner().stores().flagForReauthorization(store.id(), "revoked " + bad));
        inputs.put("stock note", bad -> org.owner().inventory().receive(variant, location, 1, StockContext.note("note " + bad)));
        inputs.put("idempotency key", bad -> org.owner().inventory().receive(variant, location, 1, StockContext.idempotent("key-" + bad)));
        inputs.put("stock reference type", bad -> org.owner().inventory().receive(variant, location, 1,
                new StockContext(null, "ref" + bad, UUID.randomUUID(), null)));
        inputs.put("order search text", bad -> org.owner().orders().search(new OrderQuery(null, null, null, null, "x" + bad),
                PageRequest.first(10)));
        inputs.put("product search text", bad -> org.owner().catalogue().listProducts(new ProductQuery(null, null, null, "x" + bad),
                PageRequest.first(10)));
        inputs.put("product sku finder", bad -> org.owner().catalogue().findProductBySku("TXT-1" + bad));
        inputs.put("variant sku finder", bad -> org.owner().catalogue().findVariantsBySku("TXT-1" + bad));
        inputs.put("order platform id finder", bad -> org.owner().orders().findByPlatformId(store.id(), "O-" + bad));
        inputs.put("listing finder", bad -> org.owner().listings().findOnStore(store.id(), "P-" + bad, null));
        inputs.put("listing variant finder", bad -> org.owner().listings().findOnStore(store.id(), "P-1", "V-" + bad));
        inputs.put("job dedupe key", bad -> org.owner().jobs().enqueue(NewJob.of(JobType.NO_OP, null).withDedupeKey("k-" + bad)));
        inputs.put("job parameter value", bad -> org.owner().jobs().enqueue(NewJob.of(JobType.NO_OP, null)
                .withParameters(Map.of("reason", "v-" + bad))));
        inputs.put("job parameter key", bad -> org.owner().jobs().enqueue(NewJob.of(JobType.NO_OP, null)
                .withParameters(Map.of("k" + bad, "v"))));
        for (Map.Entry<String, Consumer<String>> e : inputs.entrySet()) {
            cases.add(Arguments.of(e.getKey() + " with U+0000", "\u0000", e.getValue()));
            cases.add(Arguments.of(e.getKey() + " with half a surrogate pair", "\uD83D", e.getValue()));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void unstorableTextIsAValidationErrorAtTheBoundary(String name, String bad, Consumer<String> call) {
        Throwable thrown = catchThrowable(() -> call.accept(bad));
        assertThat(thrown).as(name).isInstanceOf(ValidationException.class);
        assertThat(((StoreSyncException) thrown).code()).isEqualTo(ErrorCode.VALIDATION);
        assertThat(thrown.getMessage()).doesNotContain("\u0000");
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static NewStore newStore(String name, String platformStoreId) {
        return new NewStore(fx.fake.platform(), name, platformStoreId, StoreCredentials.of(Secret.of("tok"), Secret.of("ref"),
                Instant.now().plusSeconds(86_400)), StoreSettings.DEFAULTS);
    }
}

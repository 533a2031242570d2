package io.storesync.jdbi;

import static io.storesync.testkit.tck.Snapshots.line;
import static io.storesync.testkit.tck.Snapshots.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.Secret;
import io.storesync.api.Tenant;
import io.storesync.api.audit.AuditEvent;
import io.storesync.api.audit.AuditPage;
import io.storesync.api.catalogue.Listing;
import io.storesync.api.catalogue.ListingPrice;
import io.storesync.api.catalogue.NewListing;
import io.storesync.api.catalogue.NewProduct;
import io.storesync.api.catalogue.NewVariant;
import io.storesync.api.catalogue.Product;
import io.storesync.api.catalogue.ProductUpsert;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.catalogue.VariantUpsert;
import io.storesync.api.compliance.BuyerQuery;
import io.storesync.api.compliance.DataClass;
import io.storesync.api.compliance.RetentionPolicy;
import io.storesync.api.inventory.Location;
import io.storesync.api.inventory.NewLocation;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.job.Job;
import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.organization.NewMember;
import io.storesync.api.organization.Role;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.AuthorizationStart;
import io.storesync.api.store.NewStore;
import io.storesync.api.store.Platform;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.store.StoreId;
import io.storesync.api.store.StoreSettings;
import io.storesync.spi.connector.Authorization;
import io.storesync.spi.connector.AuthorizedShop;
import io.storesync.spi.connector.Connector;
import io.storesync.spi.connector.ConnectorProvider;
import io.storesync.spi.connector.ConnectorSettings;
import io.storesync.testkit.FakeMarketplace;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.Shop;
import io.storesync.testkit.tck.SyncFixture;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 14 (audit trail): every mutating method of every service a tenant hands out appends exactly one audit row,
 * found by reflection, so a new method with neither a recipe here nor a place among the reads fails this test.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
class AuditTrailIT {
    /** Methods that read only; calling them must not add a row (checked for each). */
    private static final Set<String> READS = Set.of("Members.list", "Members.find", "Locations.find", "Locations.list",
            "Inventory.level", "Inventory.totals", "Inventory.reorderReport", "Inventory.movements", "Orders.find",
            "Orders.findByPlatformId", "Orders.search", "Orders.needingAttention", "Orders.dailySales",
            "Orders.dailySalesBySku", "Catalogue.findProduct", "Catalogue.findProductBySku", "Catalogue.listProducts",
            "Catalogue.findVariant", "Catalogue.variantsOf", "Catalogue.findVariantsBySku", "Listings.find",
            "Listings.findOnStore", "Listings.ofVariant", "Listings.ofStore", "Stores.list", "Stores.find", "Stores.authorizationExpiry",
            "Stores.authorizationsExpiringWithin", "Jobs.find",
            "Jobs.list", "Jobs.logs", "Compliance.retention", "Compliance.verify");
    private static final URI CALLBACK = URI.create("https://host.example/storesync/callback");
    /** A consent code the scripted website answers with a shop whose name the database refuses. */
    private static final String CODE_OF_A_BAD_SHOP = "consent-code-bad-shop";
    /**
     * Changes deliberately not audited, checked to add no row: activity pings, and reservations (the ledger records
     * each with its actor; see {@code Audit.NOT_AUDITED}).
     */
    private static final Set<String> NOT_AUDITED = Set.of("Members.touchActivity", "Inventory.reserve",
            "Inventory.release", "Inventory.commit");

    private Shop shop;
    private Tenant owner;

    @BeforeEach
    void open(TestDatabase db) {
        // the fake marketplaces, but the custom website behind a scripted consent, so the consent flow can be walked
        StoreSync.Builder builder = db.storeSyncBuilder().credentialKeys(SyncFixture.KEYS).discoverConnectors(false)
                .connector(FakeMarketplace.create(Platform.SHOPEE).provider())
                .connector(FakeMarketplace.create(Platform.TIKTOK_SHOP).provider())
                .connector(new ConsentingWebsite());
        shop = new Shop(builder.build(), db.appDataSource(), db.schema());
        owner = shop.owner().withCorrelationId("walk-1");
    }

    private long rows() throws SQLException {
        return shop.scalar("SELECT count(*) FROM audit_events");
    }

    @Test
    void everyMutatingApiMethodAppendsExactlyOneAuditRow() throws Exception {
        Fixture f = new Fixture();
        Map<String, Callable<?>> recipes = f.recipes();
        List<String> problems = new ArrayList<>();
        Set<String> walked = new TreeSet<>();
        // every method of every service the tenant hands out, found by reflection
        for (Method accessor : Tenant.class.getMethods()) {
            Class<?> service = accessor.getReturnType();
            if (!service.isInterface() || !service.getPackageName().startsWith("io.storesync.api.")
                    || service.getSimpleName().equals("AuditTrail") || service == Tenant.class) {
                continue;
            }
            for (Method m : service.getMethods()) {
                if (Modifier.isStatic(m.getModifiers())) continue;
                String key = service.getSimpleName() + "." + m.getName();
                walked.add(key);
                if (!READS.contains(key) && !recipes.containsKey(key)) {
                    problems.add(key + ": no recipe (a new mutating method? add one, or list it among the reads)");
                }
            }
        }
        // the recipes run in the order written (later ones use what earlier ones made)
        for (Map.Entry<String, Callable<?>> recipe : recipes.entrySet()) {
            String key = recipe.getKey();
            long before = rows();
            try {
                recipe.getValue().call();
            } catch (Exception e) {
                problems.add(key + ": the recipe failed: " + e);
                continue;
            }
            long added = rows() - before;
            long expected = NOT_AUDITED.contains(key) ? 0 : 1;
            if (added != expected) problems.add(key + ": " + added + " audit row(s), expected " + expected);
            if (expected == 1 && added == 1) {
                String service = key.substring(0, key.indexOf('.'));
                String action = Character.toLowerCase(service.charAt(0)) + service.substring(1) + key.substring(key.indexOf('.'));
                long matching = shop.scalar("SELECT count(*) FROM audit_events WHERE action = ? AND actor_kind = 'member'"
                        + " AND actor_id = ? AND correlation_id = 'walk-1' AND seq = (SELECT max(seq) FROM audit_events)",
                        action, shop.ownerId.value().toString());
                if (matching != 1) problems.add(key + ": the row does not name the action " + action + ", the actor and the correlation id");
            }
        }
        // reads add nothing
        long beforeReads = rows();
        owner.catalogue().findProduct(f.product.id());
        owner.members().list();
        owner.inventory().level(f.variant, f.main.id());
        owner.compliance().retention();
        if (rows() != beforeReads) problems.add("reads added audit rows");
        for (String key : recipes.keySet()) if (!walked.contains(key)) problems.add(key + ": recipe for a method that no longer exists");
        assertThat(problems).isEmpty();
        assertThat(walked).hasSizeGreaterThan(60);
        // secrets and personal data stay out
        assertThat(shop.scalar("SELECT count(*) FROM audit_events WHERE changes::text LIKE ?", "%" + Fixture.TOKEN + "%")).isZero();
        assertThat(shop.scalar("SELECT count(*) FROM audit_events WHERE changes::text LIKE ?", "%" + f.memberEmail + "%")).isZero();
        assertThat(shop.scalar("SELECT count(*) FROM audit_events WHERE changes::text LIKE ?", "%Budi Santoso%")).isZero();
        assertThat(shop.scalar("SELECT count(*) FROM audit_events WHERE changes::text LIKE ?", "%budi@example.com%")).isZero();
        assertThat(shop.scalar("SELECT count(*) FROM audit_events WHERE action = 'stores.updateCredentials'"
                + " AND changes->'request'->>'credentials' = '[changed]'")).isEqualTo(1);
        // the consent's state and code are secrets too, and a location's address is left out like any address
        assertThat(shop.scalar("SELECT count(*) FROM audit_events WHERE changes::text LIKE ?", "%" + f.consent[0].state() + "%")).isZero();
        assertThat(shop.scalar("SELECT count(*) FROM audit_events WHERE changes::text LIKE ?", "%" + Fixture.CODE + "%")).isZero();
        assertThat(shop.scalar("SELECT count(*) FROM audit_events WHERE changes::text LIKE ?", "%Bandung%")).isZero();
        // every update of an existing row says what it was before
        for (String action : List.of("members.changeRole", "locations.update", "catalogue.updateProduct",
                "catalogue.updateVariant", "listings.changePrice", "inventory.adjust", "inventory.count",
                "inventory.transfer", "inventory.setReorderPoint", "stores.updateSettings", "stores.updateCredentials",
                "jobs.cancel", "jobs.retry")) {
            assertThat(shop.scalar("SELECT count(*) FROM audit_events WHERE action = ?"
                    + " AND jsonb_typeof(changes->'before') = 'object'", action)).as(action).isPositive();
        }
    }

    @Test
    void updatesRecordBeforeAndAfterOfOnlyTheFieldsThatChangedWithoutPersonalDataOrSecrets() throws Exception {
        Tenant t = owner;
        Product p = t.catalogue().createProduct(NewProduct.of("BA-1", "Kopi"));
        // a creation has nothing before: "after" is what was made
        assertThat(last("product", p.id().value())).doesNotContainKey("before").extractingByKey("after")
                .asString().contains("BA-1");
        t.catalogue().updateProduct(p.id(), NewProduct.of("BA-1", "Kopi Susu"));
        assertThat(last("product", p.id().value())).containsEntry("before", Map.of("name", "Kopi"))
                .containsEntry("after", Map.of("name", "Kopi Susu"));

        UserId m = UserId.random();
        t.members().add(new NewMember(m, "siti-" + System.nanoTime() + "@shop.test", "Siti Rahma", Role.MEMBER));
        t.members().changeRole(m, Role.ADMIN);
        assertThat(last("member", m.value())).containsEntry("before", Map.of("role", "member"))
                .containsEntry("after", Map.of("role", "admin"));

        Location main = t.locations().create(NewLocation.named("Gudang"));
        t.locations().update(main.id(), "Gudang Utama", Map.of("city", "Surabaya"));
        assertThat(last("location", main.id().value())).containsEntry("before", Map.of("name", "Gudang", "address", "[personal data]"))
                .containsEntry("after", Map.of("name", "Gudang Utama", "address", "[personal data]"));

        VariantId v = t.catalogue().addVariant(p.id(), NewVariant.of("BA-1-A")).id();
        Location second = t.locations().create(NewLocation.named("Toko"));
        t.inventory().receive(v, main.id(), 10, StockContext.none());
        assertThat(last("variant", v.value())).containsEntry("before", null)
                .extractingByKey("after").asString().contains("quantity_on_hand=10");
        t.inventory().adjust(v, main.id(), -3, StockContext.note("broken"));
        assertThat(last("variant", v.value())).containsEntry("before", Map.of("quantity_on_hand", 10))
                .containsEntry("after", Map.of("quantity_on_hand", 7));
        t.inventory().count(v, main.id(), 5, StockContext.none());
        assertThat(last("variant", v.value())).containsEntry("before", Map.of("quantity_on_hand", 7))
                .containsEntry("after", Map.of("quantity_on_hand", 5));
        t.inventory().receive(v, second.id(), 1, StockContext.none());
        t.inventory().transfer(v, main.id(), second.id(), 2, StockContext.none());
        String from = main.id().value() + ".quantity_on_hand";
        String to = second.id().value() + ".quantity_on_hand";
        assertThat(last("variant", v.value())).containsEntry("before", Map.of(from, 5, to, 1))
                .containsEntry("after", Map.of(from, 3, to, 3));
        t.inventory().setReorderPoint(v, main.id(), 4, 12);
        assertThat(last("variant", v.value())).containsEntry("before", Map.of("reorder_point", 0, "reorder_quantity", 0))
                .containsEntry("after", Map.of("reorder_point", 4, "reorder_quantity", 12));

        StoreId store = shop.store(Platform.SHOPEE, false);
        Listing listing = t.listings().link(new NewListing(v, store, "9001", null, null, BigDecimal.TEN, null));
        t.listings().changePrice(listing.id(), ListingPrice.of(new BigDecimal("11.50")));
        assertThat(field(last("listing", listing.id().value()), "before")).containsEntry("price", 10.0);
        assertThat(field(last("listing", listing.id().value()), "after")).containsEntry("price", 11.5);

        t.stores().updateSettings(store, t.stores().find(store).orElseThrow().settings().withRestockOnReturn(true));
        assertThat(last("store", store.value()).get("before")).asString().contains("restockOnReturn=false")
                .doesNotContain("credentials");
        assertThat(last("store", store.value()).get("after")).asString().contains("restockOnReturn=true");
        t.stores().updateCredentials(store, StoreCredentials.of(Secret.of(Fixture.TOKEN)));
        assertThat(field(last("store", store.value()), "before")).containsEntry("credentials", "[changed]");
        assertThat(field(last("store", store.value()), "after")).containsEntry("credentials", "[changed]");

        Job job = t.jobs().enqueue(NewJob.of(JobType.CATALOGUE_IMPORT, store).withDedupeKey("ba"));
        t.jobs().cancel(job.id());
        assertThat(last("job", job.id().value()).get("before")).asString().contains("status=pending");
        assertThat(last("job", job.id().value()).get("after")).asString().contains("status=cancelled");
        t.jobs().retry(job.id());
        assertThat(last("job", job.id().value()).get("before")).asString().contains("status=cancelled");
        assertThat(last("job", job.id().value()).get("after")).asString().contains("status=pending");

        t.compliance().setRetention(RetentionPolicy.DEFAULTS);
        t.compliance().setRetention(RetentionPolicy.DEFAULTS.with(DataClass.SYNC_LOGS, Duration.ofDays(120)));
        assertThat(shop.scalar("SELECT count(*) FROM audit_events WHERE action = 'compliance.setRetention'"
                + " AND changes->'before' = '{\"sync_logs_days\": 90}' AND changes->'after' = '{\"sync_logs_days\": 120}'"))
                .isEqualTo(1);

        // neither the member's email and name, nor the address, nor the token appears in any row
        for (String value : List.of("siti-", "Siti Rahma", "Surabaya", Fixture.TOKEN)) {
            assertThat(shop.scalar("SELECT count(*) FROM audit_events WHERE changes::text LIKE ?", "%" + value + "%"))
                    .as(value).isZero();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> field(Map<String, Object> changes, String key) {
        assertThat(changes.get(key)).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) changes.get(key);
    }

    /** The changes of the newest row about one entity. */
    private Map<String, Object> last(String type, UUID id) {
        return owner.audit().forEntity(type, id.toString(), null, 1).items().get(0).changes();
    }

    @Test
    void aCallWhoseLaterTransactionFailsLeavesNoRowClaimingSuccess() throws Exception {
        AuthorizationStart start = owner.stores().startAuthorization(Platform.CUSTOM_WEBSITE, CALLBACK);
        long before = rows();
        // the role check commits; the exchange succeeds; the transaction that saves the shops fails
        assertThatThrownBy(() -> owner.stores().completeAuthorization(Platform.CUSTOM_WEBSITE, start.state(),
                start.state(), CODE_OF_A_BAD_SHOP, CALLBACK)).isInstanceOf(io.storesync.api.StoreSyncException.class);
        assertThat(owner.stores().list()).isEmpty();
        assertThat(rows() - before).isEqualTo(1);
        assertThat(shop.scalar("SELECT count(*) FROM audit_events WHERE action = 'stores.completeAuthorization'"
                + " AND changes->>'outcome' = 'failed' AND changes->'after' IS NULL"
                + " AND (changes->>'transactionsCommitted')::int = 1")).isEqualTo(1);
        // the successful one is recorded once, after its last transaction, with what it made
        owner.stores().completeAuthorization(Platform.CUSTOM_WEBSITE, start.state(), start.state(), Fixture.CODE, CALLBACK);
        assertThat(shop.scalar("SELECT count(*) FROM audit_events WHERE action = 'stores.completeAuthorization'"
                + " AND changes->>'outcome' = 'completed' AND changes->'after'->'created'->0->>'platformStoreId' = 'shop-a'"))
                .isEqualTo(1);
        // a refused call (before any transaction) leaves nothing
        long now = rows();
        assertThatThrownBy(() -> shop.viewer().stores().completeAuthorization(Platform.CUSTOM_WEBSITE, start.state(),
                start.state(), Fixture.CODE, CALLBACK)).isInstanceOf(io.storesync.api.AccessDeniedException.class);
        assertThat(rows()).isEqualTo(now);
    }

    @Test
    void theTrailIsReadPerEntityAndPerActorWithKeysetPagingByAdministratorsOnly() {
        Product p = owner.catalogue().createProduct(NewProduct.of("AUD-1", "Kopi"));
        for (int i = 0; i < 5; i++) owner.catalogue().updateProduct(p.id(), NewProduct.of("AUD-1", "Kopi " + i));
        List<AuditEvent> all = new ArrayList<>();
        Long cursor = null;
        int pages = 0;
        do {
            AuditPage page = owner.audit().forEntity("product", p.id().value().toString(), cursor, 2);
            all.addAll(page.items());
            cursor = page.next().isPresent() ? page.next().getAsLong() : null;
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(all).extracting(AuditEvent::action).containsExactly("catalogue.updateProduct", "catalogue.updateProduct",
                "catalogue.updateProduct", "catalogue.updateProduct", "catalogue.updateProduct", "catalogue.createProduct");
        assertThat(all.get(0).changes().toString()).contains("Kopi 4");
        assertThat(owner.audit().forActor(Actor.user(shop.ownerId), null, 1000).items())
                .extracting(AuditEvent::action).contains("catalogue.createProduct", "members.add");
        assertThatThrownBy(() -> shop.member().audit().forActor(Actor.user(shop.ownerId), null, 10))
                .isInstanceOf(io.storesync.api.AccessDeniedException.class);
        // a read appends nothing, and a refused change appends nothing either
        long before = owner.audit().forActor(Actor.user(shop.ownerId), null, 1000).items().size();
        owner.catalogue().findProduct(p.id());
        assertThatThrownBy(() -> shop.viewer().catalogue().createProduct(NewProduct.of("AUD-2", "Teh")))
                .isInstanceOf(io.storesync.api.AccessDeniedException.class);
        assertThat(owner.audit().forActor(Actor.user(shop.ownerId), null, 1000).items()).hasSize((int) before);
        assertThat(owner.audit().forActor(Actor.user(shop.viewerId), null, 1000).items()).isEmpty();
    }

    /** What the recipes work on, made through the API before the walk. */
    private final class Fixture {
        static final String TOKEN = "tok-audit-secret-3c2b1a";
        static final String CODE = "consent-code-7f3a91";
        final AuthorizationStart[] consent = new AuthorizationStart[1];
        final String memberEmail = "budi-" + System.nanoTime() + "@buyer.test";
        final UserId member = UserId.random();
        final Location main;
        final Location second;
        final Location spare;
        final Product product;
        final VariantId variant;
        final StoreId store;
        final StoreId spareStore;
        final Listing listing;
        final Listing spareListing;
        final Job job;

        Fixture() throws SQLException {
            Tenant setup = shop.owner();
            main = setup.locations().create(NewLocation.named("Main"));
            second = setup.locations().create(NewLocation.named("Second"));
            spare = setup.locations().create(NewLocation.named("Spare"));
            product = setup.catalogue().createProduct(NewProduct.of("WALK", "Walk"));
            variant = setup.catalogue().addVariant(product.id(), NewVariant.of("WALK-1")).id();
            store = shop.store(Platform.SHOPEE, true);
            spareStore = shop.store(Platform.SHOPEE, false);
            listing = setup.listings().link(new NewListing(variant, store, "5001", null, null, BigDecimal.TEN, null));
            spareListing = setup.listings().link(new NewListing(variant, spareStore, "5002", null, null, BigDecimal.TEN, null));
            job = setup.jobs().enqueue(NewJob.of(JobType.CATALOGUE_IMPORT, store).withDedupeKey("walk"));
        }

        Map<String, Callable<?>> recipes() {
            Map<String, Callable<?>> r = new LinkedHashMap<>();
            r.put("Members.add", () -> owner.members().add(new NewMember(member, memberEmail, "Budi Santoso", Role.MEMBER)));
            r.put("Members.changeRole", () -> owner.members().changeRole(member, Role.ADMIN));
            r.put("Members.deactivate", () -> owner.members().deactivate(member));
            r.put("Members.reactivate", () -> owner.members().reactivate(member));
            r.put("Members.touchActivity", () -> {
                owner.members().touchActivity();
                return null;
            });
            r.put("Locations.create", () -> owner.locations().create(NewLocation.named("Third")));
            r.put("Locations.update", () -> owner.locations().update(second.id(), "Second B", Map.of("city", "Bandung")));
            r.put("Locations.makeDefault", () -> owner.locations().makeDefault(main.id()));
            r.put("Locations.deactivate", () -> owner.locations().deactivate(spare.id()));
            r.put("Locations.reactivate", () -> owner.locations().reactivate(spare.id()));
            r.put("Inventory.receive", () -> owner.inventory().receive(variant, main.id(), 100, StockContext.none()));
            r.put("Inventory.adjust", () -> owner.inventory().adjust(variant, main.id(), -1, StockContext.note("broken")));
            r.put("Inventory.count", () -> owner.inventory().count(variant, main.id(), 90, StockContext.none()));
            r.put("Inventory.transfer", () -> owner.inventory().transfer(variant, main.id(), second.id(), 5, StockContext.none()));
            r.put("Inventory.reserve", () -> owner.inventory().reserve(variant, main.id(), 3, StockContext.none()));
            r.put("Inventory.release", () -> owner.inventory().release(variant, main.id(), 1, StockContext.none()));
            r.put("Inventory.commit", () -> owner.inventory().commit(variant, main.id(), 1, StockContext.none()));
            r.put("Inventory.restock", () -> owner.inventory().restock(variant, main.id(), 1, StockContext.none()));
            r.put("Inventory.setReorderPoint", () -> owner.inventory().setReorderPoint(variant, main.id(), 5, 20));
            r.put("Orders.ingest", () -> owner.orders().ingest(order(store, Platform.SHOPEE, "AUD-SN1", "READY_TO_SHIP", 0,
                    List.of(line("a", "5001", null, "WALK-1", 1)))));
            r.put("Orders.ingestAll", () -> owner.orders().ingestAll(List.of(order(store, Platform.SHOPEE, "AUD-SN2",
                    "READY_TO_SHIP", 0, List.of(line("a", "5001", null, "WALK-1", 1))))));
            r.put("Catalogue.createProduct", () -> owner.catalogue().createProduct(NewProduct.of("WALK-2", "Walk 2")));
            r.put("Catalogue.updateProduct", () -> owner.catalogue().updateProduct(product.id(), NewProduct.of("WALK", "Walk B")));
            r.put("Catalogue.deactivateProduct", () -> owner.catalogue().deactivateProduct(product.id()));
            r.put("Catalogue.reactivateProduct", () -> owner.catalogue().reactivateProduct(product.id()));
            r.put("Catalogue.addVariant", () -> owner.catalogue().addVariant(product.id(), NewVariant.of("WALK-9")));
            r.put("Catalogue.updateVariant", () -> owner.catalogue().updateVariant(variant,
                    new NewVariant("WALK-1", "Walk one", Map.of(), new BigDecimal("2.50"), null, List.of())));
            r.put("Catalogue.deactivateVariant", () -> owner.catalogue().deactivateVariant(variant));
            r.put("Catalogue.reactivateVariant", () -> owner.catalogue().reactivateVariant(variant));
            r.put("Catalogue.upsert", () -> owner.catalogue().upsert(List.of(ProductUpsert.of("UPS-1", "Upserted",
                    List.of(VariantUpsert.of("UPS-1-A"))))));
            r.put("Listings.link", () -> owner.listings().link(new NewListing(variant, store, "5003", null, null, BigDecimal.ONE, null)));
            r.put("Listings.changePrice", () -> owner.listings().changePrice(listing.id(), ListingPrice.of(new BigDecimal("11.50"))));
            r.put("Listings.deactivate", () -> owner.listings().deactivate(listing.id()));
            r.put("Listings.unlink", () -> {
                owner.listings().unlink(spareListing.id());
                return null;
            });
            r.put("Stores.connect", () -> owner.stores().connect(NewStore.of(Platform.TIKTOK_SHOP, "Tok", "tt-" + System.nanoTime(),
                    StoreCredentials.of(Secret.of(TOKEN)))));
            r.put("Stores.startAuthorization", () -> consent[0] = owner.stores().startAuthorization(Platform.CUSTOM_WEBSITE, CALLBACK));
            r.put("Stores.completeAuthorization", () -> owner.stores().completeAuthorization(Platform.CUSTOM_WEBSITE,
                    consent[0].state(), consent[0].state(), CODE, CALLBACK));
            r.put("Stores.updateSettings", () -> owner.stores().updateSettings(store, StoreSettings.DEFAULTS));
            r.put("Stores.updateCredentials", () -> owner.stores().updateCredentials(store, StoreCredentials.of(Secret.of(TOKEN))));
            r.put("Stores.reencryptCredentials", () -> owner.stores().reencryptCredentials());
            r.put("Stores.flagForReauthorization", () -> owner.stores().flagForReauthorization(spareStore, "token revoked"));
            r.put("Stores.deactivate", () -> owner.stores().deactivate(spareStore));
            r.put("Jobs.enqueue", () -> owner.jobs().enqueue(NewJob.of(JobType.ORDER_POLL, store)));
            r.put("Jobs.enqueueAll", () -> owner.jobs().enqueueAll(List.of(NewJob.of(JobType.STOCK_DRIFT_CHECK, store))));
            r.put("Jobs.cancel", () -> owner.jobs().cancel(job.id()));
            r.put("Jobs.retry", () -> owner.jobs().retry(job.id()));
            r.put("Webhooks.addEndpoint", () -> owner.webhooks().addEndpoint(store, "https://hooks.example/" + System.nanoTime(),
                    List.of("orders")));
            r.put("Compliance.setRetention", () -> owner.compliance().setRetention(RetentionPolicy.DEFAULTS));
            r.put("Compliance.purgeExpired", () -> owner.compliance().purgeExpired());
            r.put("Compliance.repair", () -> owner.compliance().repair("walk"));
            r.put("Compliance.exportBuyer", () -> owner.compliance().exportBuyer(BuyerQuery.email("budi@example.com")));
            r.put("Compliance.eraseBuyer", () -> owner.compliance().eraseBuyer(BuyerQuery.email("budi@example.com"), false));
            return r;
        }
    }

    /**
     * The custom website behind a scripted consent: every code grants shop-a (with the test's token), but
     * {@link #CODE_OF_A_BAD_SHOP} grants a shop whose name is longer than the database takes. Nothing else of a
     * connector is used here.
     */
    private static final class ConsentingWebsite implements ConnectorProvider {
        @Override
        public String platform() {
            return Platform.CUSTOM_WEBSITE;
        }

        @Override
        public Connector create(ConnectorSettings settings) {
            Connector plain = FakeMarketplace.create(Platform.CUSTOM_WEBSITE).provider().create(settings);
            return (Connector) java.lang.reflect.Proxy.newProxyInstance(Connector.class.getClassLoader(),
                    new Class<?>[] {Connector.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "supportsConsent" -> true;
                        case "consentUrl" -> URI.create("https://auth.example/authorize?redirect_uri=" + args[1]
                                + "&state=" + args[0]);
                        case "exchangeCode" -> new Authorization(StoreCredentials.of(Secret.of(Fixture.TOKEN)),
                                List.of(args[0].equals(CODE_OF_A_BAD_SHOP) ? new AuthorizedShop("shop-x", "x".repeat(300), null)
                                        : new AuthorizedShop("shop-a", "Shop A", null)), null);
                        default -> {
                            try {
                                yield method.invoke(plain, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    });
        }
    }
}

package io.storesync.samples.quickstart;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.storesync.StoreSync;
import io.storesync.api.AccessDeniedException;
import io.storesync.api.Actor;
import io.storesync.api.PageRequest;
import io.storesync.api.Secret;
import io.storesync.api.Tenant;
import io.storesync.api.catalogue.Listing;
import io.storesync.api.catalogue.ProductUpsert;
import io.storesync.api.catalogue.RowFailure;
import io.storesync.api.catalogue.UpsertResult;
import io.storesync.api.catalogue.Variant;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.catalogue.VariantUpsert;
import io.storesync.api.inventory.Location;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.NewLocation;
import io.storesync.api.inventory.ReorderSuggestion;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.inventory.StockMovement;
import io.storesync.api.inventory.StockTotals;
import io.storesync.api.job.Job;
import io.storesync.api.job.JobLog;
import io.storesync.api.job.JobStatus;
import io.storesync.api.job.JobType;
import io.storesync.api.job.WorkerOptions;
import io.storesync.api.job.Workers;
import io.storesync.api.order.DailySales;
import io.storesync.api.order.Order;
import io.storesync.api.order.OrderLine;
import io.storesync.api.order.OrderStatus;
import io.storesync.api.organization.Member;
import io.storesync.api.organization.NewMember;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.Role;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.CredentialKeys;
import io.storesync.api.store.NewStore;
import io.storesync.api.store.Platform;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.store.StoreSettings;
import io.storesync.api.webhook.WebhookEndpoint;
import io.storesync.api.webhook.WebhookReceipt;
import io.storesync.api.webhook.WebhookRequest;
import io.storesync.api.webhook.WebhookSignatureException;
import io.storesync.jdbi.StoreSyncMigrations;
import io.storesync.spi.connector.ConnectorSettings;
import io.storesync.testkit.simulator.RecordedRequest;
import io.storesync.testkit.simulator.SignedDelivery;
import io.storesync.testkit.simulator.SimulatedListing;
import io.storesync.testkit.simulator.SimulatedOrder;
import io.storesync.testkit.simulator.SimulatedShop;
import io.storesync.testkit.simulator.WebsiteSimulator;
import io.storesync.website.WebsiteConnector;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The one-command demo, written the way a host application embeds StoreSync: a schema owner migrates, the
 * application connects as a weaker role, and all tenant work goes through {@code storeSync.tenant(org, actor)}.
 * Here PostgreSQL is embedded and the seller's website is the testkit's {@link WebsiteSimulator}: an in-process HTTP
 * server speaking the custom-website contract ({@code docs/custom-website.md}), which checks the API key and request
 * signatures and signs its webhooks with its own code. StoreSync reaches it through the real
 * {@link WebsiteConnector} over HTTP; a real host points the same code at the seller's real site.
 *
 * <p>It walks through a seller's day: a catalogue import, stock received into two locations, the website connected
 * with encrypted credentials, its products imported over HTTP and matched by SKU, stock pushed back over HTTP, orders
 * arriving by signed webhook (a forged one refused; reserved, then shipped), an order the stock cannot cover, the
 * site's request log, the ledger, the reorder report and the day's sales.
 */
public final class Quickstart {
    /** How long any asynchronous step may take before the demo gives up. */
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String SHOP = "toko-kopi-web";
    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

    private Quickstart() {}

    public static void main(String[] args) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            run(postgres.getPostgresDatabase(), postgres.getJdbcUrl("postgres", "postgres"), System.out);
        }
    }

    /** Sets up roles, migrates, and walks through the SDK; {@code admin} must be allowed to create roles. */
    static void run(DataSource admin, String jdbcUrl, PrintStream out) throws SQLException {
        long started = System.nanoTime();
        out.println("StoreSync quickstart");
        createRoles(admin);
        out.println("1. PostgreSQL is up: " + jdbcUrl);

        try (HikariDataSource owner = pool(jdbcUrl, "storesync_owner", 2);
             HikariDataSource app = pool(jdbcUrl, "storesync_app", 8);
             // The seller's own website, serving the StoreSync custom-website contract over real HTTP on 127.0.0.1.
             WebsiteSimulator site = WebsiteSimulator.start()) {
            int applied = StoreSyncMigrations.migrate(owner, "storesync", "storesync_app");
            out.println("2. Migrated schema 'storesync' as storesync_owner: " + applied + " migration(s) applied");

            // A real host loads its key from a secret store; a fresh random one is enough for a demo.
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            StoreSync storeSync = StoreSync.builder()
                    .dataSource(app)
                    .credentialKeys(CredentialKeys.single("demo-key-1", Secret.ofBytes(key)))
                    // the website connector is found by ServiceLoader (storesync-website is on the class path); the
                    // simulator listens on plain http, which the connector refuses unless told otherwise
                    .connectorSettings(new ConnectorSettings(WebsiteConnector.PLATFORM, Map.of("allow_http", "true"), Map.of()))
                    .build();
            out.println("3. StoreSync opened on a pool connected as storesync_app (row-level security applies)");
            out.println("   Platforms: " + storeSync.platforms().stream().map(Platform::displayName).toList()
                    + "; connector found by ServiceLoader: " + WebsiteConnector.PLATFORM);

            UserId ownerId = UserId.random();
            Organization org = storeSync.createOrganization(
                    NewOrganization.of("Toko Kopi Nusantara", "toko-kopi-nusantara", ownerId, "ayu@tokokopi.example", "Ayu Lestari"));
            out.println("4. Created organization '" + org.name() + "' (" + org.slug() + ", plan " + org.subscriptionPlan()
                    + ") with id " + org.id());

            Tenant shop = storeSync.tenant(org.id(), Actor.user(ownerId));
            Member staff = shop.members().add(new NewMember(UserId.random(), "budi@tokokopi.example", "Budi Santoso", Role.MEMBER));
            Member auditor = shop.members().add(new NewMember(UserId.random(), "citra@tokokopi.example", "Citra", Role.VIEWER));
            shop.members().touchActivity();
            out.println("5. The owner added members:");
            for (Member m : shop.members().list()) {
                out.println("   - " + m.email() + " (" + m.role().name().toLowerCase(Locale.ROOT) + (m.lastActive().isPresent() ? ", active just now" : "") + ")");
            }
            try {
                storeSync.tenant(org.id(), Actor.user(auditor.id())).members().add(
                        new NewMember(UserId.random(), "mallory@example.com", null, Role.ADMIN));
                throw new IllegalStateException("a viewer was allowed to add an admin");
            } catch (AccessDeniedException e) {
                out.println("6. A viewer tried to add an admin and was refused: " + e.getMessage());
            }

            // Staff do the day-to-day work; only owners and admins manage locations and stores.
            Tenant budi = storeSync.tenant(org.id(), Actor.user(staff.id()));
            Map<String, VariantId> variants = importCatalogue(budi, out);
            Stock stock = receiveStock(shop, budi, variants, out);

            SimulatedShop web = openWebsite(site, out);
            try (Workers workers = storeSync.startWorkers(WorkerOptions.defaults(2)
                    .withIntervals(Duration.ofMillis(500), Duration.ofMillis(500))
                    .withShutdownTimeout(Duration.ofSeconds(5)))) {
                Store store = connectStore(shop, site, owner, out);
                out.println("    Workers started (" + workers.workerId() + ")");
                importListings(shop, store, out);
                WebhookEndpoint endpoint = shop.webhooks().addEndpoint(store.id(), "https://tokokopi.example/hooks/web",
                        List.of("order.updated"));

                awaitSiteStock(web, Map.of(ARABICA_250, 30, ARABICA_1KG, 5, ROBUSTA_250, 3));
                out.println("12. The import found the site showing other quantities; StoreSync pushed its own over HTTP:");
                printPushes(web, out);
                // the first order poll reads back a day; wait for it so the orders below arrive only by webhook
                awaitTrue("the first order poll", () -> jobDone(shop, JobType.ORDER_POLL));

                orderByWebhook(storeSync, shop, budi, site, web, store, endpoint, variants, out);
                shortfall(storeSync, shop, site, web, store, endpoint, variants, out);
                printTraffic(site, out);
                ledgerAndReports(shop, variants, stock, store, out);
            }
            out.println("Workers stopped; done in " + Duration.ofNanos(System.nanoTime() - started).toMillis() / 100 / 10.0 + " s.");
        }
    }

    /** The site's product ids (WooCommerce numbers its products). */
    private static final String ARABICA_250 = "101";
    private static final String ARABICA_1KG = "102";
    private static final String ROBUSTA_250 = "103";
    private static final String MUG = "104";
    private static final Map<String, String> SKU_OF = Map.of(ARABICA_250, "ARABICA-250G", ARABICA_1KG, "ARABICA-1KG",
            ROBUSTA_250, "ROBUSTA-250G", MUG, "MUG-LOGO");

    /** Where the stock is kept. */
    private record Stock(LocationId jakarta, LocationId bandung, Map<LocationId, String> names) {}

    private static Map<String, VariantId> importCatalogue(Tenant budi, PrintStream out) {
        List<ProductUpsert> rows = List.of(
                new ProductUpsert("KOPI-ARABICA", "Arabica Gayo, roasted beans", null, "coffee", "Toko Kopi", null, null, null,
                        null, null, List.of(
                        new VariantUpsert("ARABICA-250G", "250 g", Map.of("weight", "250 g"), new BigDecimal("52000"), null, null),
                        new VariantUpsert("ARABICA-1KG", "1 kg", Map.of("weight", "1 kg"), new BigDecimal("190000"), null, null))),
                new ProductUpsert("KOPI-ROBUSTA", "Robusta Lampung, roasted beans", null, "coffee", "Toko Kopi", null, null,
                        null, null, null, List.of(
                        new VariantUpsert("ROBUSTA-250G", "250 g", Map.of("weight", "250 g"), new BigDecimal("38000"), null, null))),
                // a spreadsheet row with no name: reported, and the good rows are still saved
                ProductUpsert.of("KOPI-LUWAK", " ", List.of(VariantUpsert.of("LUWAK-100G"))));
        UpsertResult result = budi.catalogue().upsert(rows);
        out.println("7. Catalogue imported with catalogue().upsert: " + result.productsInserted() + " products and "
                + result.variantsInserted() + " variants created, " + result.failures().size() + " row refused");
        for (RowFailure f : result.failures()) {
            out.println("   - row " + f.index() + " (" + f.sku() + ") refused: " + f.reason());
        }
        Map<String, VariantId> bySku = new LinkedHashMap<>();
        for (String sku : List.of("ARABICA-250G", "ARABICA-1KG", "ROBUSTA-250G")) {
            Variant v = budi.catalogue().findVariantsBySku(sku).get(0);
            bySku.put(sku, v.id());
        }
        return bySku;
    }

    private static Stock receiveStock(Tenant shop, Tenant budi, Map<String, VariantId> v, PrintStream out) {
        Location jakarta = shop.locations().create(new NewLocation("Gudang Jakarta", Map.of("city", "Jakarta"), true));
        Location bandung = shop.locations().create(new NewLocation("Toko Bandung", Map.of("city", "Bandung"), false));
        StockContext delivery = StockContext.note("opening stock, delivery note DN-0001");
        budi.inventory().receive(v.get("ARABICA-250G"), jakarta.id(), 20, delivery);
        budi.inventory().receive(v.get("ARABICA-250G"), bandung.id(), 10, delivery);
        budi.inventory().receive(v.get("ARABICA-1KG"), jakarta.id(), 5, delivery);
        budi.inventory().receive(v.get("ROBUSTA-250G"), jakarta.id(), 3, delivery);
        budi.inventory().setReorderPoint(v.get("ARABICA-1KG"), jakarta.id(), 4, 10);
        budi.inventory().setReorderPoint(v.get("ROBUSTA-250G"), jakarta.id(), 5, 24);
        out.println("8. Locations " + jakarta.name() + " (default) and " + bandung.name() + "; stock received:");
        for (var e : v.entrySet()) {
            out.println("   - " + e.getKey() + ": " + describe(budi.inventory().totals(e.getValue())));
        }
        return new Stock(jakarta.id(), bandung.id(), Map.of(jakarta.id(), jakarta.name(), bandung.id(), bandung.name()));
    }

    /**
     * The seller's site as it was before StoreSync: four products with the quantities someone last typed in. It
     * insists on an API key and HMAC-signed requests, checked with its own code, not the connector's.
     */
    private static SimulatedShop openWebsite(WebsiteSimulator site, PrintStream out) {
        SimulatedShop web = site.shop(SHOP).add(
                new SimulatedListing(ARABICA_250, null, "ARABICA-250G", new BigDecimal("85000.00"), 12, true),
                new SimulatedListing(ARABICA_1KG, null, "ARABICA-1KG", new BigDecimal("310000.00"), 2, true),
                new SimulatedListing(ROBUSTA_250, null, "ROBUSTA-250G", new BigDecimal("75000.00"), 0, true),
                new SimulatedListing(MUG, null, "MUG-LOGO", new BigDecimal("50000.00"), 4, true));
        site.requireRequestSigning(SHOP);
        out.println("9. The seller's website serves the StoreSync HTTP contract at " + site.baseUri() + "/" + SHOP
                + "/storesync/v1 (" + web.listings().size() + " products; API key and HMAC-signed requests required)");
        for (SimulatedListing l : web.listings()) {
            out.println("   - product " + l.productId() + " " + l.sku() + ": IDR " + l.price().toPlainString() + ", stock " + l.stock());
        }
        return web;
    }

    private static Store connectStore(Tenant shop, WebsiteSimulator site, DataSource owner, PrintStream out)
            throws SQLException {
        // The site's API key, base URL, webhook secret and request-signing secret, as the seller pastes them from
        // their site's StoreSync settings page. The custom website has no consent flow: credentials are given.
        StoreCredentials credentials = site.credentials(SHOP);
        String apiKey = credentials.accessToken().reveal();
        Store store = shop.stores().connect(new NewStore(WebsiteConnector.PLATFORM, "Toko Kopi Web", SHOP, credentials,
                StoreSettings.DEFAULTS));
        out.println("10. Connected store '" + store.name() + "' (" + store.platform() + ", shop " + store.platformStoreId()
                + "), status " + store.status().name().toLowerCase(Locale.ROOT) + "; its catalogue import is queued");
        // Inspection only, as the schema owner: what the database holds is ciphertext, never the key.
        try (Connection c = owner.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT credentials->>'alg', credentials->>'kid',"
                     + " strpos(credentials::text, ?) > 0 FROM storesync.stores WHERE id = ?")) {
            ps.setString(1, apiKey);
            ps.setObject(2, store.id().value());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                out.println("    Credentials stored encrypted: alg=" + rs.getString(1) + ", key=" + rs.getString(2)
                        + ", API key in the row: " + (rs.getBoolean(3) ? "yes" : "no"));
            }
        }
        return store;
    }

    /** The workers page through the site's products over HTTP and link each to the variant with its SKU. */
    private static void importListings(Tenant shop, Store store, PrintStream out) {
        Job job = awaitFound("the catalogue import", () -> shop.jobs().list(PageRequest.first(100)).items().stream()
                .filter(j -> j.type() == JobType.CATALOGUE_IMPORT && j.status() == JobStatus.COMPLETED).findFirst());
        String summary = shop.jobs().logs(job.id()).stream().map(JobLog::message).filter(m -> m.startsWith("imported "))
                .findFirst().orElse("(no summary)");
        out.println("11. The catalogue import read the site over HTTP: " + summary);
        for (Listing l : shop.listings().ofStore(store.id(), PageRequest.first(50)).items()) {
            out.println("    - " + l.platformSku() + " -> site product " + l.platformProductId() + " at IDR "
                    + l.price().toPlainString());
        }
        shop.jobs().logs(job.id()).stream().filter(m -> m.message().contains("match no variant"))
                .forEach(m -> out.println("    Left for a person to map: " + m.message() + " " + m.details()));
    }

    private static void orderByWebhook(StoreSync storeSync, Tenant shop, Tenant budi, WebsiteSimulator site,
            SimulatedShop web, Store store, WebhookEndpoint endpoint, Map<String, VariantId> v, PrintStream out) {
        // A buyer orders on the site; the site lowers its own stock and signs a webhook (Standard Webhooks).
        Instant placed = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        web.placeOrder("WEB-1001", "IDR", placed, List.of(
                new SimulatedOrder.Line("1", ARABICA_250, null, "ARABICA-250G", "Arabica Gayo 250 g", 2, new BigDecimal("85000")),
                new SimulatedOrder.Line("2", ARABICA_1KG, null, "ARABICA-1KG", "Arabica Gayo 1 kg", 1, new BigDecimal("310000"))));
        SignedDelivery signed = site.orderWebhook(SHOP, "msg_1001_a", "WEB-1001", Instant.now());

        // A forged delivery first: the same body with a signature made without the secret. It is checked over the
        // raw body before anything is stored.
        Map<String, List<String>> forged = new HashMap<>(signed.headers());
        forged.put("webhook-signature", List.of("v1," + java.util.Base64.getEncoder().encodeToString(new byte[32])));
        try {
            storeSync.receiveWebhook(new WebhookRequest(endpoint.id(), forged, signed.body()));
            throw new IllegalStateException("a forged webhook was accepted");
        } catch (WebhookSignatureException e) {
            out.println("13. A webhook with a forged signature was refused: " + e.getMessage());
        }
        WebhookReceipt receipt = storeSync.receiveWebhook(new WebhookRequest(endpoint.id(), signed.headers(), signed.body()));
        out.println("    The signed webhook for order WEB-1001 was accepted (event " + receipt.eventId()
                + ", duplicate " + receipt.duplicate() + ")");
        Order order = awaitFound("order WEB-1001 ingested", () -> shop.orders().findByPlatformId(store.id(), "WEB-1001"));
        out.println("    Order " + order.platformOrderId() + " ingested: " + order.status().name().toLowerCase(Locale.ROOT) + ", "
                + order.currency() + " " + order.totalAmount().toPlainString() + ", lines "
                + order.lines().stream().map(Quickstart::line).toList());
        out.println("    Stock: ARABICA-250G " + describe(budi.inventory().totals(v.get("ARABICA-250G")))
                + "; ARABICA-1KG " + describe(budi.inventory().totals(v.get("ARABICA-1KG"))));
        awaitSiteStock(web, Map.of(ARABICA_250, 28, ARABICA_1KG, 4));
        out.println("    StoreSync pushed the new available quantities to the site:");
        printPushes(web, out);

        web.changeStatus("WEB-1001", "shipped", Instant.now().truncatedTo(ChronoUnit.MILLIS));
        SignedDelivery shipped = site.orderWebhook(SHOP, "msg_1001_b", "WEB-1001", Instant.now());
        storeSync.receiveWebhook(new WebhookRequest(endpoint.id(), shipped.headers(), shipped.body()));
        Order done = awaitFound("order WEB-1001 shipped", () -> shop.orders().findByPlatformId(store.id(), "WEB-1001")
                .filter(o -> o.status() == OrderStatus.SHIPPED));
        out.println("14. A newer snapshot says WEB-1001 shipped: " + done.status().name().toLowerCase(Locale.ROOT) + ", lines "
                + done.lines().stream().map(Quickstart::line).toList());
        out.println("    Stock: ARABICA-250G " + describe(budi.inventory().totals(v.get("ARABICA-250G")))
                + "; ARABICA-1KG " + describe(budi.inventory().totals(v.get("ARABICA-1KG"))));
    }

    private static void shortfall(StoreSync storeSync, Tenant shop, WebsiteSimulator site, SimulatedShop web, Store store,
            WebhookEndpoint endpoint, Map<String, VariantId> v, PrintStream out) {
        web.placeOrder("WEB-1002", "IDR", Instant.now().truncatedTo(ChronoUnit.MILLIS), List.of(new SimulatedOrder.Line("1",
                ROBUSTA_250, null, "ROBUSTA-250G", "Robusta Lampung 250 g", 5, new BigDecimal("75000"))));
        // this webhook names only the order; the workers fetch it from the site over HTTP
        SignedDelivery delivery = site.orderIdWebhook(SHOP, "msg_1002_a", "WEB-1002", Instant.now());
        storeSync.receiveWebhook(new WebhookRequest(endpoint.id(), delivery.headers(), delivery.body()));
        Order order = awaitFound("order WEB-1002 ingested", () -> shop.orders().findByPlatformId(store.id(), "WEB-1002"));
        out.println("15. Order WEB-1002 wants 5 x ROBUSTA-250G with 3 in stock: reserved what there was, shortfall "
                + order.shortfallQuantity() + "; lines " + order.lines().stream().map(Quickstart::line).toList());
        out.println("    Stock: ROBUSTA-250G " + describe(shop.inventory().totals(v.get("ROBUSTA-250G"))));
        out.println("    Orders needing attention:");
        for (Order o : shop.orders().needingAttention(PageRequest.first(10)).items()) {
            out.println("    - " + o.platformOrderId() + ": shortfall " + o.shortfallQuantity()
                    + (o.hasUnmappedLines() ? ", unmapped lines" : ""));
        }
        awaitSiteStock(web, Map.of(ROBUSTA_250, 0));
        out.println("    The site now shows product " + ROBUSTA_250 + " (ROBUSTA-250G) = " + web.stock(ROBUSTA_250, null)
                + " (sold out, no overselling)");
    }

    /** What the site saw: every call StoreSync made, by route and answer. */
    private static void printTraffic(WebsiteSimulator site, PrintStream out) {
        Map<String, Long> byRoute = new java.util.TreeMap<>();
        for (RecordedRequest r : site.requests()) {
            String route = r.method() + " " + r.path().substring(r.path().indexOf("/storesync/v1") + "/storesync/v1".length());
            byRoute.merge(route + " -> " + r.status(), 1L, Long::sum);
        }
        long refused = site.requests().stream().filter(r -> r.status() == 401).count();
        out.println("16. The site received " + site.requests().size() + " HTTP request(s) from StoreSync, " + refused
                + " refused for a bad key or signature:");
        byRoute.forEach((route, n) -> out.println("    - " + route + ": " + n));
        out.println("    Product " + MUG + " (MUG-LOGO), which StoreSync does not sell, still shows " + site.shop(SHOP).stock(MUG, null));
    }

    private static void ledgerAndReports(Tenant shop, Map<String, VariantId> v, Stock stock, Store store, PrintStream out) {
        out.println("17. The ledger of ARABICA-250G (inventory().movements, newest first):");
        for (StockMovement m : shop.inventory().movements(v.get("ARABICA-250G"), PageRequest.first(20)).items()) {
            out.println("    - " + String.format("%-8s on hand %+3d, reserved %+3d at %-14s %s", m.type().name().toLowerCase(Locale.ROOT),
                    m.quantityChange(), m.reservedChange(), stock.names().get(m.locationId()),
                    m.note() == null ? "" : "(" + m.note() + ")"));
        }
        out.println("18. Reorder report (available at or below the reorder point):");
        for (ReorderSuggestion s : shop.inventory().reorderReport()) {
            out.println("    - " + s.sku() + " at " + stock.names().get(s.level().locationId()) + ": available "
                    + s.level().available() + ", reorder point " + s.level().reorderPoint() + " -> order "
                    + s.suggestedQuantity());
        }
        LocalDate today = LocalDate.now(JAKARTA);
        out.println("19. Daily sales (Asia/Jakarta), orders().dailySales:");
        for (DailySales d : shop.orders().dailySales(today.minusDays(1), today, JAKARTA)) {
            out.println("    - " + d.day() + " " + (d.storeId().equals(store.id()) ? store.name() : d.storeId()) + ": "
                    + d.orders() + " orders, " + d.units() + " units, " + d.currency() + " " + d.revenue().toPlainString());
        }
    }

    private static String line(OrderLine i) {
        return i.quantity() + " x " + i.sku() + " " + i.stockStage().name().toLowerCase(java.util.Locale.ROOT)
                + (i.shortfallQuantity() > 0 ? " (short " + i.shortfallQuantity() + ")" : "");
    }

    private static String describe(StockTotals t) {
        return "on hand " + t.onHand() + ", reserved " + t.reserved() + ", available " + t.available();
    }

    /** StoreSync's last stock write to each matched product, as the site recorded it, and what the site shows. */
    private static void printPushes(SimulatedShop web, PrintStream out) {
        for (String product : List.of(ARABICA_250, ARABICA_1KG, ROBUSTA_250)) {
            out.println("    - product " + product + " (" + SKU_OF.get(product) + ") = "
                    + lastWrite(web, product).map(String::valueOf).orElse("-") + ", the site shows " + web.stock(product, null));
        }
    }

    private static Optional<Integer> lastWrite(SimulatedShop web, String productId) {
        List<SimulatedShop.StockWrite> writes = web.stockWrites().stream().filter(w -> w.productId().equals(productId)).toList();
        return writes.isEmpty() ? Optional.empty() : Optional.of(writes.get(writes.size() - 1).quantity());
    }

    /**
     * Waits until StoreSync's last stock write to each product is the expected quantity and the site shows it: both,
     * since the site moves its own stock on a sale, so what it shows alone proves no push.
     */
    private static void awaitSiteStock(SimulatedShop web, Map<String, Integer> expected) {
        awaitTrue("the site to receive " + expected, () -> expected.entrySet().stream().allMatch(e ->
                lastWrite(web, e.getKey()).equals(Optional.of(e.getValue())) && web.stock(e.getKey(), null) == e.getValue()));
    }

    private static boolean jobDone(Tenant shop, JobType type) {
        return shop.jobs().list(PageRequest.first(100)).items().stream()
                .anyMatch(j -> j.type() == type && j.status() == JobStatus.COMPLETED);
    }

    /** Polls until {@code condition} holds, for at most {@link #WAIT}. */
    private static void awaitTrue(String what, java.util.function.BooleanSupplier condition) {
        awaitFound(what, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** Polls until {@code probe} finds something, for at most {@link #WAIT}, and returns it. */
    private static <T> T awaitFound(String what, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent()) return found.get();
            if (System.nanoTime() > deadline) throw new IllegalStateException("gave up after " + WAIT + " waiting for " + what);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
    }

    private static void createRoles(DataSource admin) throws SQLException {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN"
                    + " IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'storesync_owner') THEN"
                    + "   CREATE ROLE storesync_owner LOGIN PASSWORD 'owner-demo'; END IF;"
                    + " IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'storesync_app') THEN"
                    + "   CREATE ROLE storesync_app LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD 'app-demo'; END IF;"
                    + " END $$");
            s.execute("GRANT CREATE ON DATABASE " + c.getCatalog() + " TO storesync_owner");
        }
    }

    private static HikariDataSource pool(String jdbcUrl, String role, int size) {
        HikariConfig config = new HikariConfig();
        // pgjdbc lets a user= or password= in the URL override the pool's username: the demo would silently run as
        // the administrator (StoreSync refuses to start on a superuser pool), so the URL keeps only the address
        config.setJdbcUrl(withoutCredentials(jdbcUrl));
        config.setUsername(role);
        config.setPassword(role.equals("storesync_owner") ? "owner-demo" : "app-demo");
        config.setMaximumPoolSize(size);
        config.setPoolName("quickstart-" + role);
        return new HikariDataSource(config);
    }

    static String withoutCredentials(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        if (query < 0) return jdbcUrl;
        String kept = java.util.Arrays.stream(jdbcUrl.substring(query + 1).split("&"))
                .filter(p -> !p.startsWith("user=") && !p.startsWith("password="))
                .collect(java.util.stream.Collectors.joining("&"));
        return jdbcUrl.substring(0, query) + (kept.isEmpty() ? "" : "?" + kept);
    }
}

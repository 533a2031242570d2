package io.storesync.testkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.api.Page;
import io.storesync.api.PageRequest;
import io.storesync.api.Tenant;
import io.storesync.api.ValidationException;
import io.storesync.api.catalogue.Listing;
import io.storesync.api.catalogue.NewProduct;
import io.storesync.api.catalogue.Product;
import io.storesync.api.catalogue.ProductQuery;
import io.storesync.api.inventory.Location;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.inventory.StockMovement;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.job.Job;
import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.order.Order;
import io.storesync.api.order.OrderQuery;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.store.Platform;
import io.storesync.api.store.StoreId;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Paging through the lists that grow (products, orders, orders needing attention, jobs, stock movements) while rows
 * are written between the pages: every row that existed before the first page is returned exactly once, because a
 * page continues after the last row seen (a keyset cursor), not after a number of rows that an insert shifts.
 *
 * <p>The inserts land where they hurt an offset most: before the reader's position (a SKU that sorts first, an order,
 * job or movement newer than all). They are made between page reads rather than from a racing thread so the
 * interleaving is the same on every run.
 *
 * <p>An implementation runs this kit by extending it and implementing {@link
 * StoreSyncCompatibilityKit#storeSyncBuilder}; each test class gets a database of its own.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
public abstract class PagingCompatibilityKit extends StoreSyncCompatibilityKit {
    private static final int EXISTING = 25;
    private static final int PAGE = 7;
    private Shop shop;
    private Tenant owner;

    @BeforeEach
    void openShop(TestDatabase db) {
        shop = new Shop(storeSync(db), db.appDataSource(), db.schema());
        owner = shop.owner();
    }

    @Test
    void productsPagedWhileProductsAreAddedAreEachReturnedOnce() {
        for (int i = 0; i < EXISTING; i++) owner.catalogue().createProduct(NewProduct.of(String.format("M-%03d", i), "Kopi " + i));
        int[] added = {0};
        List<Product> seen = readAll(r -> owner.catalogue().listProducts(ProductQuery.all(), r),
                () -> owner.catalogue().createProduct(NewProduct.of(String.format("A-%03d", added[0]++), "Teh")));
        assertThat(seen).extracting(Product::sku).filteredOn(s -> s.startsWith("M-"))
                .containsExactlyElementsOf(skus("M-", EXISTING));
        assertThat(seen).extracting(Product::sku).doesNotHaveDuplicates();
    }

    @Test
    void rankedSearchPagedWhileProductsAreAddedReturnsEachMatchOnce() {
        for (int i = 0; i < EXISTING; i++) {
            owner.catalogue().createProduct(new NewProduct(String.format("M-%03d", i), "Kopi Gayo " + i,
                    i % 2 == 0 ? "kopi kopi" : null, null, null, null, null, null, List.of(), java.util.Map.of()));
        }
        int[] added = {0};
        List<Product> seen = readAll(r -> owner.catalogue().listProducts(ProductQuery.search("kopi"), r),
                () -> owner.catalogue().createProduct(new NewProduct(String.format("A-%03d", added[0]++), "Kopi kopi kopi",
                        "kopi kopi kopi", null, null, null, null, null, List.of(), java.util.Map.of())));
        assertThat(seen).extracting(Product::sku).filteredOn(s -> s.startsWith("M-"))
                .containsExactlyInAnyOrderElementsOf(skus("M-", EXISTING));
        assertThat(seen).extracting(Product::sku).doesNotHaveDuplicates();
    }

    @Test
    void ordersPagedWhileNewerOrdersArriveAreEachReturnedOnce() throws Exception {
        StoreId store = shop.store(Platform.SHOPEE, false);
        for (int i = 0; i < EXISTING; i++) owner.orders().ingest(order(store, "OLD-" + i, i, "KOPI"));
        int[] added = {0};
        List<Order> seen = readAll(r -> owner.orders().search(OrderQuery.all(), r),
                () -> owner.orders().ingest(order(store, "NEW-" + added[0]++, 1000 + added[0], "KOPI")));
        assertThat(seen).extracting(Order::platformOrderId).filteredOn(s -> s.startsWith("OLD-"))
                .containsExactlyElementsOf(newestFirst("OLD-", EXISTING));
        assertThat(seen).extracting(Order::id).doesNotHaveDuplicates();
    }

    @Test
    void ordersNeedingAttentionPagedWhileMoreArriveAreEachReturnedOnce() throws Exception {
        StoreId store = shop.store(Platform.SHOPEE, false);
        for (int i = 0; i < EXISTING; i++) owner.orders().ingest(order(store, "OLD-" + i, i, "UNKNOWN-SKU"));
        int[] added = {0};
        List<Order> seen = readAll(r -> owner.orders().needingAttention(r),
                () -> owner.orders().ingest(order(store, "NEW-" + added[0]++, 1000 + added[0], "UNKNOWN-SKU")));
        assertThat(seen).extracting(Order::platformOrderId).filteredOn(s -> s.startsWith("OLD-"))
                .containsExactlyElementsOf(newestFirst("OLD-", EXISTING));
        assertThat(seen).extracting(Order::id).doesNotHaveDuplicates();
    }

    @Test
    void jobsPagedWhileJobsAreEnqueuedAreEachReturnedOnce() {
        List<Job> existing = new ArrayList<>();
        for (int i = 0; i < EXISTING; i++) existing.add(owner.jobs().enqueue(NewJob.of(JobType.NO_OP, null)));
        List<Job> seen = readAll(r -> owner.jobs().list(r), () -> owner.jobs().enqueue(NewJob.of(JobType.NO_OP, null)));
        assertThat(seen).extracting(Job::id).containsAll(existing.stream().map(Job::id).toList()).doesNotHaveDuplicates();
    }

    @Test
    void movementsPagedWhileStockMovesAreEachReturnedOnce() {
        VariantId kopi = shop.variant("KOPI");
        Location main = shop.location("Main");
        for (int i = 0; i < EXISTING; i++) owner.inventory().receive(kopi, main.id(), 1, StockContext.none());
        List<StockMovement> existing = owner.inventory().movements(kopi, PageRequest.first(PageRequest.MAX_SIZE)).items();
        assertThat(existing).hasSize(EXISTING);
        List<StockMovement> seen = readAll(r -> owner.inventory().movements(kopi, r),
                () -> owner.inventory().receive(kopi, main.id(), 1, StockContext.none()));
        assertThat(seen).extracting(StockMovement::id)
                .containsAll(existing.stream().map(StockMovement::id).toList()).doesNotHaveDuplicates();
    }

    @Test
    void listingsOfAStorePagedWhileMoreAreLinkedAreEachReturnedOnce() throws Exception {
        StoreId store = shop.store(Platform.SHOPEE, false);
        List<VariantId> variants = shop.variants("V", EXISTING + 40);
        for (int i = 0; i < EXISTING; i++) shop.listing(store, variants.get(i), String.format("M-%03d", i), null);
        int[] added = {0};
        List<Listing> seen = readAll(r -> owner.listings().ofStore(store, r), () -> {
            shop.listing(store, variants.get(EXISTING + added[0]), String.format("A-%03d", added[0]), null);
            added[0]++;
        });
        assertThat(seen).extracting(Listing::platformProductId).filteredOn(s -> s.startsWith("M-"))
                .containsExactlyElementsOf(skus("M-", EXISTING));
        assertThat(seen).extracting(Listing::id).doesNotHaveDuplicates();
    }

    @Test
    void aCursorThatIsNotOneIsRefusedAsValidation() {
        assertThatThrownBy(() -> owner.jobs().list(PageRequest.first(10).after("not a cursor")))
                .isInstanceOf(ValidationException.class);
        owner.catalogue().createProduct(NewProduct.of("K-1", "Kopi"));
        owner.catalogue().createProduct(NewProduct.of("K-2", "Kopi"));
        Page<Product> products = owner.catalogue().listProducts(ProductQuery.all(), PageRequest.first(1));
        String productCursor = products.nextCursor().orElseThrow();
        assertThatThrownBy(() -> owner.jobs().list(PageRequest.first(10).after(productCursor)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("cursor");
    }

    @Test
    void theTotalIsCountedOnlyWhenAskedFor() {
        for (int i = 0; i < 3; i++) owner.catalogue().createProduct(NewProduct.of("T-" + i, "Teh"));
        assertThat(owner.catalogue().listProducts(ProductQuery.all(), PageRequest.first(2)).total()).isEmpty();
        Page<Product> counted = owner.catalogue().listProducts(ProductQuery.all(), PageRequest.first(2).withTotal());
        assertThat(counted.total()).hasValue(3);
        assertThat(counted.items()).hasSize(2);
        Page<Product> last = owner.catalogue().listProducts(ProductQuery.all(), counted.next().orElseThrow());
        assertThat(last.items()).extracting(Product::sku).containsExactly("T-2");
        assertThat(last.hasNext()).isFalse();
        assertThat(last.next()).isEmpty();
    }

    /**
     * Reads every page of {@code list} with a small page size, calling {@code insert} twice before each next page.
     */
    private static <T> List<T> readAll(Function<PageRequest, Page<T>> list, Runnable insert) {
        List<T> seen = new ArrayList<>();
        Page<T> page = list.apply(PageRequest.first(PAGE));
        for (int pages = 1; ; pages++) {
            seen.addAll(page.items());
            if (!page.hasNext()) return seen;
            assertThat(pages).as("pages read").isLessThan(100);
            insert.run();
            insert.run();
            page = list.apply(page.next().orElseThrow());
        }
    }

    private static OrderSnapshot order(StoreId store, String id, int minutes, String sku) {
        OrderSnapshot o = Snapshots.order(store, Platform.SHOPEE, id, "UNPAID", 0,
                List.of(Snapshots.line("1", "P-" + sku, null, sku, 1)));
        java.time.Instant at = Snapshots.T0.plusSeconds(60L * minutes);
        return new OrderSnapshot(o.storeId(), o.platformOrderId(), o.orderNumber(), o.platformStatus(), o.status(),
                o.financialStatus(), o.fulfillmentStatus(), o.subtotal(), o.taxAmount(), o.shippingAmount(),
                o.discountAmount(), o.totalAmount(), o.currency(), o.customerInfo(), o.tags(), o.notes(), at, at,
                o.platformData(), o.lines());
    }

    private static List<String> skus(String prefix, int n) {
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < n; i++) skus.add(String.format(prefix + "%03d", i));
        return skus;
    }

    private static List<String> newestFirst(String prefix, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = n - 1; i >= 0; i--) ids.add(prefix + i);
        return ids;
    }
}

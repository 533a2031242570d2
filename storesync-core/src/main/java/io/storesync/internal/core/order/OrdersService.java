package io.storesync.internal.core.order;

import io.storesync.api.Page;
import io.storesync.api.PageRequest;
import io.storesync.api.ValidationException;
import io.storesync.api.order.DailySales;
import io.storesync.api.order.IngestResult;
import io.storesync.api.order.Order;
import io.storesync.api.order.OrderId;
import io.storesync.api.order.OrderQuery;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.order.Orders;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.StoreId;
import io.storesync.internal.api.Check;
import io.storesync.internal.core.TenantHandle;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The order book of one tenant: ingestion (through {@link OrderIngestion}) and queries. */
public final class OrdersService implements Orders {

    private final TenantHandle tenant;
    private final OrderIngestion ingestion;

    public OrdersService(TenantHandle tenant, OrderIngestion ingestion) {
        this.tenant = tenant;
        this.ingestion = ingestion;
    }

    private @Nullable UserId actor() {
        return tenant.actor().userId().orElse(null);
    }

    @Override
    public IngestResult ingest(OrderSnapshot snapshot) {
        Check.present(snapshot, "snapshot");
        return tenant.write("ingest orders", tx -> ingestion.ingestOne(tx, snapshot, actor()));
    }

    @Override
    public List<IngestResult> ingestAll(List<OrderSnapshot> snapshots) {
        Check.present(snapshots, "snapshots");
        if (snapshots.isEmpty()) return List.of();
        return tenant.write("ingest orders", tx -> ingestion.ingestAll(tx, snapshots, actor()));
    }

    @Override
    public Optional<Order> find(OrderId id) {
        Check.present(id, "id");
        return tenant.read(tx -> tx.orders().find(id));
    }

    @Override
    public Optional<Order> findByPlatformId(StoreId store, String platformOrderId) {
        Check.present(store, "store");
        Check.storableText(Check.present(platformOrderId, "platformOrderId"), "platformOrderId", Integer.MAX_VALUE);
        return tenant.read(tx -> tx.orders().findByPlatformId(store, platformOrderId));
    }

    @Override
    public Page<Order> search(OrderQuery query, PageRequest page) {
        Check.present(query, "query");
        Check.present(page, "page");
        return tenant.report(tx -> tx.orders().search(query, page));
    }

    @Override
    public Page<Order> needingAttention(PageRequest page) {
        Check.present(page, "page");
        return tenant.read(tx -> tx.orders().needingAttention(page));
    }

    @Override
    public List<DailySales> dailySales(LocalDate from, LocalDate to, ZoneId zone) {
        checkRange(from, to, zone);
        return tenant.report(tx -> tx.orders().dailySales(from, to, zone, false));
    }

    @Override
    public List<DailySales> dailySalesBySku(LocalDate from, LocalDate to, ZoneId zone) {
        checkRange(from, to, zone);
        if (from.plusDays(SKU_SALES_DAYS).isBefore(to)) {
            throw new ValidationException("sales by SKU cover at most " + SKU_SALES_DAYS + " days; ask quarter by quarter");
        }
        return tenant.report(tx -> tx.orders().dailySales(from, to, zone, true));
    }

    /** The longest range of {@link #dailySalesBySku}: a quarter, since it returns a row per day and SKU sold. */
    static final int SKU_SALES_DAYS = 92;

    private static final LocalDate FIRST_SALES_DAY = LocalDate.of(1, 1, 1);
    private static final LocalDate LAST_SALES_DAY = LocalDate.of(9999, 12, 31);

    private static void checkRange(LocalDate from, LocalDate to, ZoneId zone) {
        Check.present(from, "from");
        Check.present(to, "to");
        Check.present(zone, "zone");
        // days outside years 1 to 9999 are no sales day: java.time cannot add a day to LocalDate.MAX, nor PostgreSQL
        // store its start, and both came back raw or INTERNAL
        for (LocalDate d : List.of(from, to)) {
            if (d.isBefore(FIRST_SALES_DAY) || d.isAfter(LAST_SALES_DAY)) {
                throw new ValidationException("sales days run from " + FIRST_SALES_DAY + " to " + LAST_SALES_DAY + ", got " + d);
            }
        }
        if (to.isBefore(from)) throw new ValidationException("to (" + to + ") is before from (" + from + ")");
        if (from.plusDays(366).isBefore(to)) throw new ValidationException("a sales summary covers at most 366 days");
    }
}

package io.storesync.internal.jdbi;

import io.storesync.api.job.JobType;
import io.storesync.api.organization.OrganizationId;
import io.storesync.internal.jdbi.catalogue.JdbiListingRepository;
import io.storesync.internal.jdbi.compliance.JdbiAuditRepository;
import io.storesync.internal.jdbi.compliance.JdbiIntegrityRepository;
import io.storesync.internal.jdbi.compliance.JdbiPersonalDataRepository;
import io.storesync.internal.jdbi.compliance.JdbiRetentionRepository;
import io.storesync.internal.jdbi.catalogue.JdbiProductRepository;
import io.storesync.internal.jdbi.catalogue.JdbiVariantRepository;
import io.storesync.internal.jdbi.inventory.JdbiIdempotencyRepository;
import io.storesync.internal.jdbi.inventory.JdbiInventoryRepository;
import io.storesync.internal.jdbi.inventory.JdbiLocationRepository;
import io.storesync.internal.jdbi.job.JdbiJobRepository;
import io.storesync.internal.jdbi.job.JdbiListingImportRepository;
import io.storesync.internal.jdbi.job.JdbiPricePushRepository;
import io.storesync.internal.jdbi.job.JdbiScheduleRepository;
import io.storesync.internal.jdbi.job.JdbiStockPushRepository;
import io.storesync.internal.jdbi.order.JdbiOrderRepository;
import io.storesync.internal.jdbi.organization.JdbiMemberRepository;
import io.storesync.internal.jdbi.organization.JdbiOrganizationRepository;
import io.storesync.internal.jdbi.store.JdbiStoreRepository;
import io.storesync.internal.jdbi.webhook.JdbiWebhookRepository;
import io.storesync.spi.persistence.AuditRepository;
import io.storesync.spi.persistence.IdempotencyRepository;
import io.storesync.spi.persistence.IntegrityRepository;
import io.storesync.spi.persistence.InventoryRepository;
import io.storesync.spi.persistence.JobRepository;
import io.storesync.spi.persistence.ListingImportRepository;
import io.storesync.spi.persistence.ListingRepository;
import io.storesync.spi.persistence.LocationRepository;
import io.storesync.spi.persistence.MemberRepository;
import io.storesync.spi.persistence.OrderRepository;
import io.storesync.spi.persistence.OrganizationRepository;
import io.storesync.spi.persistence.PersonalDataRepository;
import io.storesync.spi.persistence.PricePushRepository;
import io.storesync.spi.persistence.ProductRepository;
import io.storesync.spi.persistence.RetentionRepository;
import io.storesync.spi.persistence.ScheduleRepository;
import io.storesync.spi.persistence.StockPushRepository;
import io.storesync.spi.persistence.StoreRepository;
import io.storesync.spi.persistence.TenantTransaction;
import io.storesync.spi.persistence.VariantRepository;
import io.storesync.spi.persistence.WebhookRepository;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/** Repositories sharing one handle, in one transaction, for one tenant. */
final class JdbiTenantTransaction implements TenantTransaction {
    private final Handle handle;
    private final OrganizationId organizationId;
    private final Function<JobType, @Nullable String> producerContext;

    JdbiTenantTransaction(Handle handle, OrganizationId organizationId) {
        this(handle, organizationId, type -> null);
    }

    JdbiTenantTransaction(Handle handle, OrganizationId organizationId,
            Function<JobType, @Nullable String> producerContext) {
        this.handle = handle;
        this.organizationId = organizationId;
        this.producerContext = producerContext;
    }

    @Override
    public OrganizationId organizationId() {
        return organizationId;
    }

    @Override
    public OrganizationRepository organizations() {
        return new JdbiOrganizationRepository(handle, organizationId);
    }

    @Override
    public MemberRepository members() {
        return new JdbiMemberRepository(handle, organizationId);
    }

    @Override
    public LocationRepository locations() {
        return new JdbiLocationRepository(handle, organizationId);
    }

    @Override
    public InventoryRepository inventory() {
        return new JdbiInventoryRepository(handle, organizationId);
    }

    @Override
    public IdempotencyRepository idempotency() {
        return new JdbiIdempotencyRepository(handle, organizationId);
    }

    @Override
    public OrderRepository orders() {
        return new JdbiOrderRepository(handle, organizationId);
    }

    @Override
    public ProductRepository products() {
        return new JdbiProductRepository(handle, organizationId);
    }

    @Override
    public VariantRepository variants() {
        return new JdbiVariantRepository(handle, organizationId);
    }

    @Override
    public ListingRepository listings() {
        return new JdbiListingRepository(handle, organizationId);
    }

    @Override
    public StoreRepository stores() {
        return new JdbiStoreRepository(handle, organizationId);
    }

    @Override
    public JobRepository jobs() {
        return new JdbiJobRepository(handle, organizationId, producerContext);
    }

    @Override
    public WebhookRepository webhooks() {
        return new JdbiWebhookRepository(handle, organizationId);
    }

    @Override
    public ScheduleRepository schedules() {
        return new JdbiScheduleRepository(handle, organizationId);
    }

    @Override
    public StockPushRepository stockPushes() {
        return new JdbiStockPushRepository(handle, organizationId);
    }

    @Override
    public PricePushRepository pricePushes() {
        return new JdbiPricePushRepository(handle, organizationId);
    }

    @Override
    public ListingImportRepository listingImports() {
        return new JdbiListingImportRepository(handle, organizationId);
    }

    @Override
    public RetentionRepository retention() {
        return new JdbiRetentionRepository(handle, organizationId);
    }

    @Override
    public AuditRepository audit() {
        return new JdbiAuditRepository(handle, organizationId);
    }

    @Override
    public PersonalDataRepository personalData() {
        return new JdbiPersonalDataRepository(handle, organizationId);
    }

    @Override
    public IntegrityRepository integrity() {
        return new JdbiIntegrityRepository(handle, organizationId);
    }
}

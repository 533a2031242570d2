package io.storesync.spi.persistence;

import io.storesync.api.organization.OrganizationId;


/** The repositories of one tenant transaction. Valid only inside the callback that received it; not thread-safe. */
public interface TenantTransaction {

    /** The tenant this transaction is set to. */
    OrganizationId organizationId();

    /** The organization row. */
    OrganizationRepository organizations();

    /** The organization's users. */
    MemberRepository members();

    /** Stock locations. */
    LocationRepository locations();

    /** Stock levels and the ledger. */
    InventoryRepository inventory();

    /** Idempotency keys of stock operations. */
    IdempotencyRepository idempotency();

    /** The order book. */
    OrderRepository orders();

    /** The organization's products. */
    ProductRepository products();

    /** The organization's product variants. */
    VariantRepository variants();

    /** The organization's store listings. */
    ListingRepository listings();

    /** The organization's stores. */
    StoreRepository stores();

    /** The organization's side of the job queue. */
    JobRepository jobs();

    /** The organization's webhook inbox. */
    WebhookRepository webhooks();

    /** The organization's store schedules and order watermarks. */
    ScheduleRepository schedules();

    /** The organization's pending and recorded stock pushes. */
    StockPushRepository stockPushes();

    /** The organization's pending and recorded price pushes. */
    PricePushRepository pricePushes();

    /** Storage for catalogue imports. */
    ListingImportRepository listingImports();

    /** Retention settings and bounded purges; persistence written before retention existed has none. */
    default RetentionRepository retention() {
        throw new UnsupportedOperationException("this persistence does not support retention");
    }

    /** The append-only audit trail; persistence written before it existed has none. */
    default AuditRepository audit() {
        throw new UnsupportedOperationException("this persistence does not support the audit trail");
    }

    /** Buyers' personal data (export, erasure); persistence written before it existed has none. */
    default PersonalDataRepository personalData() {
        throw new UnsupportedOperationException("this persistence does not support personal data requests");
    }

    /** The integrity check; persistence written before it existed has none. */
    default IntegrityRepository integrity() {
        throw new UnsupportedOperationException("this persistence does not support the integrity check");
    }
}

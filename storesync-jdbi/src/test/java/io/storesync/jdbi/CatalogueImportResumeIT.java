package io.storesync.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.PageRequest;
import io.storesync.api.Secret;
import io.storesync.api.Tenant;
import io.storesync.api.catalogue.ProductUpsert;
import io.storesync.api.catalogue.VariantUpsert;
import io.storesync.api.job.Job;
import io.storesync.api.job.JobLog;
import io.storesync.api.job.JobStatus;
import io.storesync.api.job.JobType;
import io.storesync.api.job.RetryPolicy;
import io.storesync.api.job.WorkerOptions;
import io.storesync.api.job.Workers;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.CredentialKeys;
import io.storesync.api.store.NewStore;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.store.StoreSettings;
import io.storesync.spi.connector.ConnectorException;
import io.storesync.spi.connector.ConnectorListing;
import io.storesync.spi.connector.ListingPage;
import io.storesync.spi.connector.StoreAccess;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A catalogue import that fails on its third page is retried from the third page: each page is stored together with
 * the cursor of the next, so the retry neither reads the first pages again nor loses them.
 */
// try-with-resources scopes the workers' lifetime; the handle itself is not used in the body
@SuppressWarnings("try")
@ExtendWith(StoreSyncDatabaseExtension.class)
class CatalogueImportResumeIT {
    private static final int PAGES = 4;
    private static final int PER_PAGE = 10;
    private final TestDatabase db;

    CatalogueImportResumeIT(TestDatabase db) {
        this.db = db;
    }

    @Test
    void aFailureOnPageThreeIsRetriedFromPageThree() throws Exception {
        PagedShop shop = new PagedShop();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        StoreSync sync = db.storeSyncBuilder().credentialKeys(CredentialKeys.single("k1", Secret.ofBytes(key)))
                .discoverConnectors(false).connector(shop).build();
        UserId ownerId = UserId.random();
        Organization org = sync.createOrganization(NewOrganization.of("Paged", "import-resume", ownerId, "r@x.example", "R"));
        Tenant owner = sync.tenant(org.id(), Actor.user(ownerId));
        List<VariantUpsert> variants = new ArrayList<>();
        for (int i = 0; i < PAGES * PER_PAGE; i++) variants.add(VariantUpsert.of("SKU-" + i));
        owner.catalogue().upsert(List.of(ProductUpsert.of("P", "Everything", variants)));
        Store store = owner.stores().connect(new NewStore("shopee", "Paged shop", "paged-1",
                StoreCredentials.of(Secret.of("access")), StoreSettings.DEFAULTS));

        WorkerOptions options = WorkerOptions.defaults(1).withIntervals(Duration.ofMillis(100), Duration.ofMillis(500))
                .withRetryPolicy(new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(500), 0))
                .withShutdownTimeout(Duration.ofSeconds(5));
        Job job;
        try (Workers workers = sync.startWorkers(options)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                job = owner.jobs().list(PageRequest.first(20)).items().stream()
                        .filter(j -> j.type() == JobType.CATALOGUE_IMPORT).findFirst().orElseThrow();
                if (job.status() == JobStatus.COMPLETED || job.status() == JobStatus.FAILED) break;
                if (System.nanoTime() > deadline) throw new AssertionError("the import did not finish: " + job);
                Thread.sleep(50);
            }
        }
        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        // the failed run had stored pages 1 and 2: it started the count of attempts again, so the run that finished
        // is the first of a new count (a run that stores nothing would count: aRunThatStoredProgress... in FailurePolicyTest)
        assertThat(job.attempt()).as("attempts").isEqualTo(1);
        // first run: pages 1, 2 and the failing 3; the retry: page 3 again, then 4. Never page 1 twice.
        assertThat(shop.cursors).containsExactly("first", "page-2", "page-3", "page-3", "page-4");
        assertThat(owner.listings().ofStore(store.id(), PageRequest.first(100)).items()).hasSize(PAGES * PER_PAGE);
        assertThat(owner.jobs().logs(job.id())).extracting(JobLog::message)
                .contains("resuming the import after the last stored page")
                .anyMatch(m -> m.startsWith("imported 20 listing(s): 20 matched") && m.contains("resumed after a stored page"));
    }

    /** Four pages of ten listings; the first request for page three fails as a 503 would. */
    static final class PagedShop extends QuietPlatform {
        final List<String> cursors = new CopyOnWriteArrayList<>();
        private final AtomicBoolean failed = new AtomicBoolean();

        @Override
        public String platform() {
            return "shopee";
        }

        @Override
        public ListingPage listListings(StoreAccess store, @Nullable String cursor) {
            cursors.add(cursor == null ? "first" : cursor);
            int page = cursor == null ? 1 : Integer.parseInt(cursor.substring("page-".length()));
            if (page == 3 && failed.compareAndSet(false, true)) {
                throw new ConnectorException("shopee", "server_error", "HTTP 503", null, 503, true, null);
            }
            List<ConnectorListing> listings = new ArrayList<>();
            for (int i = (page - 1) * PER_PAGE; i < page * PER_PAGE; i++) {
                listings.add(new ConnectorListing("L" + i, null, "SKU-" + i, new BigDecimal("10.00"), 0, true));
            }
            return new ListingPage(listings, page < PAGES ? "page-" + (page + 1) : null, PAGES * PER_PAGE);
        }
    }
}

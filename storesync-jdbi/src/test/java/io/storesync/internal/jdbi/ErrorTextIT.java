package io.storesync.internal.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import io.storesync.api.ConflictException;
import io.storesync.api.StoreSyncException;
import io.storesync.api.ValidationException;
import io.storesync.api.organization.OrganizationId;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Error text never carries row data (issue 9 item 3): what PostgreSQL puts in {@code detail} ("Key (email)=(...)",
 * "Failing row contains (...)") and what JDBI renders of a statement's bound values stay out of StoreSync's messages
 * and out of their cause chain; the message names the constraint, the table and the column.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
class ErrorTextIT {
    private static final String EMAIL = "buyer.secret@example.test";
    private static final String ADDRESS = "Jl. Rahasia No. 7, Kebayoran";

    @Test
    void aUniqueViolationNamesTheConstraintNotTheEmail(TestDatabase db) {
        JdbiPersistence persistence = new JdbiPersistence(db.appDataSource(), db.schema());
        OrganizationId org = organization(persistence);
        insertUser(persistence, org, EMAIL, "member");

        StoreSyncException e = failure(persistence, org, h -> insertUser(h, org, EMAIL, "member"));
        assertThat(e).isInstanceOf(ConflictException.class);
        assertThat(e.getMessage()).contains("users_email_key").contains("users");
        assertNoValues(e);
    }

    @Test
    void aCheckViolationOnABuyerAddressNamesTheConstraintNotTheRow(TestDatabase db) {
        JdbiPersistence persistence = new JdbiPersistence(db.appDataSource(), db.schema());
        OrganizationId org = organization(persistence);
        UUID store = persistence.inTenant(org, tx -> persistence.jdbi().withHandle(h -> {
            persistence.enterTenant(h, org);
            return h.createQuery("INSERT INTO stores (organization_id, platform_id, name, platform_store_id, credentials)"
                            + " SELECT :org, id, 'Shop', :pid, '{}' FROM platforms WHERE name = 'shopee' RETURNING id")
                    .bind("org", org.value()).bind("pid", UUID.randomUUID().toString()).mapTo(UUID.class).one();
        }));

        // a role nobody has and a negative total: both rows quote the email and the address in PostgreSQL's detail
        StoreSyncException role = failure(persistence, org, h -> insertUser(h, org, EMAIL, "superhero"));
        StoreSyncException total = failure(persistence, org, h -> h.createUpdate(
                        "INSERT INTO orders (organization_id, store_id, platform_order_id, customer_info, status,"
                                + " subtotal, total_amount, ordered_at)"
                                + " VALUES (:org, :store, 'O-1', jsonb_build_object('email', :email, 'address', :address),"
                                + " 'unpaid', 10, -1, now())")
                .bind("org", org.value()).bind("store", store).bind("email", EMAIL).bind("address", ADDRESS)
                .execute());
        int checked = 0;
        for (StoreSyncException e : List.of(role, total)) {
            assertThat(e).isInstanceOf(ValidationException.class);
            assertNoValues(e);
            checked++;
        }
        assertThat(checked).isEqualTo(2);
        assertThat(role.getMessage()).contains("users_role_check");
        assertThat(total.getMessage()).contains("orders_total_amount_non_negative");
    }

    @Test
    void jdbiRendersNoStatementOrBoundValues(TestDatabase db) {
        JdbiPersistence persistence = new JdbiPersistence(db.appDataSource(), db.schema());
        OrganizationId org = organization(persistence);
        RuntimeException raw = catchThrowableOfType(RuntimeException.class, () -> persistence.jdbi().useHandle(h -> {
            h.begin();
            persistence.enterTenant(h, org);
            insertUser(h, org, EMAIL, "superhero");
        }));
        assertThat(raw).isNotNull();
        // JDBI's own part of the message: no statement text, no "arguments:" block with the email bound in it
        assertThat(raw.getMessage()).doesNotContain("INSERT INTO users").doesNotContain("arguments");
    }

    private static void assertNoValues(StoreSyncException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(EMAIL).doesNotContain(ADDRESS)
                    .doesNotContain("Failing row").doesNotContain("Key (").doesNotContain("superhero");
        }
        assertThat(e.getCause()).as("the driver's exception quotes the row; it is logged at DEBUG instead").isNull();
    }

    private static OrganizationId organization(JdbiPersistence persistence) {
        OrganizationId org = OrganizationId.random();
        persistence.inTenant(org, tx -> tx.organizations().insert(org, "Errors", "errors-" + org.value().toString().substring(0, 8)));
        return org;
    }

    private static void insertUser(JdbiPersistence persistence, OrganizationId org, String email, String role) {
        persistence.inTenant(org, tx -> persistence.jdbi().withHandle(h -> {
            persistence.enterTenant(h, org);
            insertUser(h, org, email, role);
            return null;
        }));
    }

    private static void insertUser(Handle h, OrganizationId org, String email, String role) {
        h.createUpdate("INSERT INTO users (id, organization_id, email, role) VALUES (:id, :org, :email, :role)")
                .bind("id", UUID.randomUUID()).bind("org", org.value()).bind("email", email).bind("role", role)
                .execute();
    }

    /** Runs {@code work} in the tenant on a handle of its own and returns what StoreSync turned the failure into. */
    private static StoreSyncException failure(JdbiPersistence persistence, OrganizationId org,
            java.util.function.Consumer<Handle> work) {
        StoreSyncException e = catchThrowableOfType(StoreSyncException.class, () -> persistence.inTenant(org,
                tx -> persistence.jdbi().withHandle(h -> {
                    persistence.enterTenant(h, org);
                    work.accept(h);
                    return null;
                })));
        assertThat(e).isNotNull();
        return e;
    }
}

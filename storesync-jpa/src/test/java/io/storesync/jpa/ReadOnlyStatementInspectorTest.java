package io.storesync.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which SQL the statement guard refuses: writes on StoreSync's tables, and nothing else. */
class ReadOnlyStatementInspectorTest {
    private final ReadOnlyStatementInspector inspector = new ReadOnlyStatementInspector(sql -> sql + " /* host */");

    @Test
    void refusesWritesOnStoreSyncTablesInAnySpelling() {
        List<String> writes = List.of("update storesync.orders set notes=?", "UPDATE \"orders\" SET notes = ?",
                "delete from sync_jobs where id=?", "DELETE  FROM  storesync.\"sync_jobs\"",
                "insert into storesync.stock_changes (a) values (?)", "with x as (select 1) insert into users select 1",
                "merge into inventory_items t using s on true when matched then do nothing",
                "truncate table inventory_transactions", "TRUNCATE ONLY organizations");
        for (String sql : writes) {
            assertThatThrownBy(() -> inspector.inspect(sql)).as(sql).isInstanceOf(ReadOnlyModelException.class);
        }
    }

    @Test
    void letsReadsAndTheHostsOwnWritesThroughToTheHostsInspector() {
        List<String> passing = List.of("select o1_0.id from storesync.orders o1_0 where o1_0.organization_id=?",
                "select * from storesync.sync_jobs for update of sync_jobs skip locked",
                "update host_orders set notes=?", "insert into storesync_audit_of_host (id) values (?)",
                "delete from my_users where id = ?", "select updated_at from orders");
        for (String sql : passing) {
            assertThat(inspector.inspect(sql)).as(sql).isEqualTo(sql + " /* host */");
        }
    }
}

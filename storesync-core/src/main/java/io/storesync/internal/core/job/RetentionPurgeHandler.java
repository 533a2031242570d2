package io.storesync.internal.core.job;

import io.storesync.api.compliance.DataClass;
import io.storesync.api.compliance.Discrepancy;
import io.storesync.api.compliance.PurgeResult;
import io.storesync.internal.core.compliance.RetentionPurge;
import io.storesync.spi.persistence.LogDetails;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The daily retention purge of one organization ({@link RetentionPurge}): every data class at its own period, in
 * bounded batches, with a checkpoint between batches; then the integrity check, report only (a repair needs a
 * person's reason: {@code Compliance.repair}). The database's fan-out queues it for every organization.
 */
final class RetentionPurgeHandler implements JobHandler {
    @Override
    public void run(JobContext ctx) throws Exception {
        PurgeResult r = RetentionPurge.run(ctx.engine(), ctx.organization(), ctx::checkpoint);
        ctx.log("info", "purged " + r.removed(DataClass.ORDERS) + " order(s) (" + r.archivedOrders() + " archived), "
                + r.removed(DataClass.SYNC_LOGS) + " sync log line(s) and job(s), " + r.removed(DataClass.WEBHOOK_EVENTS)
                + " webhook event(s), " + r.removed(DataClass.IDEMPOTENCY_KEYS) + " idempotency key(s), "
                + r.removed(DataClass.AUDIT_TRAIL) + " audit row(s)" + (r.complete() ? "" : "; more remains for the next run"),
                LogDetails.of("orders", r.removed(DataClass.ORDERS), "archived", r.archivedOrders(),
                        "syncLogs", r.removed(DataClass.SYNC_LOGS), "webhookEvents", r.removed(DataClass.WEBHOOK_EVENTS),
                        "idempotencyKeys", r.removed(DataClass.IDEMPOTENCY_KEYS), "auditTrail", r.removed(DataClass.AUDIT_TRAIL)));
            ctx.checkpoint();
        List<Discrepancy> found = ctx.tx(tx -> tx.integrity().find(1000));
        if (!found.isEmpty()) {
            Map<Discrepancy.Kind, Long> byKind = new EnumMap<>(Discrepancy.Kind.class);
            for (Discrepancy d : found) byKind.merge(d.kind(), 1L, Long::sum);
            ctx.log("warn", "integrity check found " + found.size() + " discrepanc" + (found.size() == 1 ? "y" : "ies")
                    + " " + byKind + "; see Compliance.verify() and repair(reason)", LogDetails.of("discrepancies", found.size()));
        }
    }
}

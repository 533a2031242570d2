package io.storesync.api.compliance;

import io.storesync.api.ValidationException;
import io.storesync.internal.api.Check;
import java.time.Duration;

/**
 * How long each data class is kept. Durations are whole days.
 *
 * @param orders finished orders, by order date (default 7 years: financial records)
 * @param syncLogs finished sync jobs and sync log lines (default 90 days: operations)
 * @param webhookEvents processed and failed webhook deliveries (default 30 days: debugging); must outlast every
 *     platform's redelivery window, or a late redelivery of a purged event would be taken as new
 * @param auditTrail the audit trail (default 5 years: security)
 * @param idempotencyKeys idempotency keys of stock operations (default 7 days); must outlast the longest time a
 *     client retries a request, or a late retry applies twice
 */
public record RetentionPolicy(Duration orders, Duration syncLogs, Duration webhookEvents, Duration auditTrail,
        Duration idempotencyKeys) {

    /** The schema document's defaults. */
    public static final RetentionPolicy DEFAULTS = new RetentionPolicy(Duration.ofDays(7 * 365 + 2),
            Duration.ofDays(90), Duration.ofDays(30), Duration.ofDays(5 * 365 + 1), Duration.ofDays(7));

    public RetentionPolicy {
        orders = days(orders, "orders");
        syncLogs = days(syncLogs, "syncLogs");
        webhookEvents = days(webhookEvents, "webhookEvents");
        auditTrail = days(auditTrail, "auditTrail");
        idempotencyKeys = days(idempotencyKeys, "idempotencyKeys");
    }

    private static Duration days(Duration d, String field) {
        Check.present(d, field);
        if (d.toDays() < 1) throw new ValidationException(field + " must be at least one day, got " + d);
        if (d.toDays() > 100 * 366) throw new ValidationException(field + " must be at most 100 years, got " + d);
        return Duration.ofDays(d.toDays());
    }

    /** The period of one class. */
    public Duration of(DataClass dataClass) {
        return switch (dataClass) {
            case ORDERS -> orders;
            case SYNC_LOGS -> syncLogs;
            case WEBHOOK_EVENTS -> webhookEvents;
            case AUDIT_TRAIL -> auditTrail;
            case IDEMPOTENCY_KEYS -> idempotencyKeys;
        };
    }

    /** This policy with one class changed. */
    public RetentionPolicy with(DataClass dataClass, Duration period) {
        return new RetentionPolicy(dataClass == DataClass.ORDERS ? period : orders,
                dataClass == DataClass.SYNC_LOGS ? period : syncLogs,
                dataClass == DataClass.WEBHOOK_EVENTS ? period : webhookEvents,
                dataClass == DataClass.AUDIT_TRAIL ? period : auditTrail,
                dataClass == DataClass.IDEMPOTENCY_KEYS ? period : idempotencyKeys);
    }
}

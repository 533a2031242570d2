package io.storesync.internal.jdbi.job;

import io.storesync.api.ValidationException;
import io.storesync.api.job.JobStatus;
import io.storesync.api.job.JobType;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** The codes {@code sync_jobs.job_type} and {@code sync_jobs.status} hold; kept here so public enums carry no schema. */
final class JobCodes {
    private static final Map<JobType, String> TYPES = new EnumMap<>(Map.ofEntries(
            Map.entry(JobType.CATALOGUE_IMPORT, "catalog.import"),
            Map.entry(JobType.ORDER_POLL, "order.poll"),
            Map.entry(JobType.STOCK_PUSH, "stock.push"),
            Map.entry(JobType.STOCK_DRIFT_CHECK, "stock.drift_check"),
            Map.entry(JobType.PRICE_PUSH, "price.push"),
            Map.entry(JobType.WEBHOOK_PROCESS, "webhook.process"),
            Map.entry(JobType.CREDENTIAL_REFRESH, "credentials.refresh"),
            Map.entry(JobType.RETENTION_PURGE, "retention.purge"),
            Map.entry(JobType.NO_OP, "noop"),
            // V6's fan-out functions insert these two codes and complete_sync_jobs deletes them when done
            Map.entry(JobType.SCHEDULES_DUE, "schedules.due"),
            Map.entry(JobType.STOCK_COALESCE, "stock.coalesce")));

    private JobCodes() {}

    static String code(JobType type) {
        String code = TYPES.get(type);
        // a new enum constant without a code must fail loudly, not store null
        if (code == null) throw new IllegalStateException("no database code for job type " + type);
        return code;
    }

    static JobType type(String code) {
        for (Map.Entry<JobType, String> e : TYPES.entrySet()) {
            if (e.getValue().equals(code)) return e.getKey();
        }
        throw new ValidationException("unknown job type '" + code + "' in sync_jobs");
    }

    static String code(JobStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    static JobStatus status(String code) {
        for (JobStatus s : JobStatus.values()) {
            if (code(s).equals(code)) return s;
        }
        throw new ValidationException("unknown job status '" + code + "' in sync_jobs");
    }
}

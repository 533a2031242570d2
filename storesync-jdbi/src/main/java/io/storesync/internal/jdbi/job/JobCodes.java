package io.storesync.internal.jdbi.job;

import io.storesync.api.ValidationException;
import io.storesync.api.job.JobStatus;
import io.storesync.api.job.JobType;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** The codes {@code sync_jobs.job_type} and {@code sync_jobs.status} hold; kept here so public enums carry no schema. */
final class JobCodes {
    private static final Map<JobType, String> TYPES = new EnumMap<>(Map.of(
            JobType.CATALOGUE_IMPORT, "catalog.import",
            JobType.ORDER_POLL, "order.poll",
            JobType.STOCK_PUSH, "stock.push",
            JobType.STOCK_DRIFT_CHECK, "stock.drift_check",
            JobType.PRICE_PUSH, "price.push",
            JobType.WEBHOOK_PROCESS, "webhook.process",
            JobType.CREDENTIAL_REFRESH, "credentials.refresh",
            JobType.RETENTION_PURGE, "retention.purge",
            JobType.NO_OP, "noop"));

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

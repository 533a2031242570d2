package io.storesync.internal.jdbi.job;

import io.storesync.api.job.Job;
import io.storesync.api.job.JobId;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.StoreId;
import io.storesync.internal.jdbi.JdbiMappings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;

/** Reads {@code sync_jobs} rows; shared by the tenant repository and the cross-tenant queue functions. */
final class JobRows {
    static final String COLUMNS = "id, organization_id, store_id, job_type, status, priority, run_at, attempt,"
            + " max_attempts, items_total, items_processed, items_failed, error_message, outcome, dedupe_key,"
            + " metadata::text AS metadata, created_at, started_at, completed_at";

    static final RowMapper<Job> MAPPER = (rs, ctx) -> {
        UUID store = rs.getObject("store_id", UUID.class);
        return new Job(new JobId(rs.getObject("id", UUID.class)),
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                store == null ? null : new StoreId(store), JobCodes.type(rs.getString("job_type")),
                JobCodes.status(rs.getString("status")), rs.getInt("priority"), JdbiMappings.instant(rs, "run_at"),
                rs.getInt("attempt"), rs.getInt("max_attempts"), rs.getInt("items_total"), rs.getInt("items_processed"),
                rs.getInt("items_failed"), rs.getString("error_message"), rs.getString("outcome"),
                rs.getString("dedupe_key"), parameters(rs.getString("metadata")), JdbiMappings.instant(rs, "created_at"),
                JdbiMappings.nullableInstant(rs, "started_at"), JdbiMappings.nullableInstant(rs, "completed_at"));
    };

    private JobRows() {}

    static Map<String, String> parameters(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        JdbiMappings.readMap(json).forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }
}

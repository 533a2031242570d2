package io.storesync.spring.boot;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * StoreSync's health. Only this instance's workers decide the status: UP when running (or when this instance runs no
 * workers), OUT_OF_SERVICE while they drain at shutdown, DOWN when they should run and do not, or when the database
 * cannot be read. Queue and store counts are details only, so one tenant's refused credentials or a backlog never
 * fail a readiness probe: oldest due job age, failed jobs, stores needing re-authorisation.
 */
public final class StoreSyncHealthIndicator implements HealthIndicator {
    private final @Nullable StoreSyncWorkersLifecycle workers;
    private final StoreSyncOperations operations;

    public StoreSyncHealthIndicator(@Nullable StoreSyncWorkersLifecycle workers, StoreSyncOperations operations) {
        this.workers = workers;
        this.operations = operations;
    }

    @Override
    public Health health() {
        Health.Builder builder;
        String state;
        if (workers == null) {
            builder = Health.up();
            state = "disabled";
        } else if (workers.isStopping()) {
            builder = Health.outOfService();
            state = "stopping";
        } else if (workers.isRunning()) {
            builder = Health.up();
            state = "running";
        } else {
            builder = Health.down();
            state = "stopped";
        }
        builder.withDetail("workers", state);
        if (workers != null) builder.withDetail("runningJobs", workers.running());
        try {
            StoreSyncOperations.Overview o = operations.read();
            builder.withDetail("oldestDueJobAgeSeconds", o.oldestDueSeconds())
                    .withDetail("failedJobs", o.jobsIn("failed"))
                    .withDetail("storesNeedingReauthorization", o.storesNeedingReauthorization());
        } catch (SQLException e) {
            // the database is StoreSync's lifeline: unreadable is DOWN, with the SQL state only (no statement, no data)
            return Health.down().withDetail("workers", state).withDetail("error", "database unreadable (SQLState "
                    + e.getSQLState() + ")").build();
        }
        return builder.build();
    }
}

package io.storesync.internal.core;

import io.storesync.api.ConflictException;
import io.storesync.api.JobId;
import io.storesync.api.JobLog;
import io.storesync.api.Jobs;
import io.storesync.api.NewJob;
import io.storesync.api.NotFoundException;
import io.storesync.api.Page;
import io.storesync.api.PageRequest;
import io.storesync.api.SyncJob;
import io.storesync.spi.persistence.EnqueueResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The tenant's view of the job queue. */
final class JobsService implements Jobs {
    private final TenantHandle tenant;

    JobsService(TenantHandle tenant) {
        this.tenant = tenant;
    }

    @Override
    public SyncJob enqueue(NewJob job) {
        Objects.requireNonNull(job, "job");
        return enqueueAll(List.of(job)).get(0);
    }

    @Override
    public List<SyncJob> enqueueAll(List<NewJob> jobs) {
        Objects.requireNonNull(jobs, "jobs");
        jobs.forEach(j -> Objects.requireNonNull(j, "job"));
        boolean[] created = {false};
        List<SyncJob> result = tenant.write("enqueue jobs", tx -> {
            List<SyncJob> out = new ArrayList<>(jobs.size());
            for (NewJob j : jobs) {
                EnqueueResult r = tx.jobs().enqueue(j);
                created[0] |= r.created();
                out.add(r.job());
            }
            return out;
        });
        if (created[0]) tenant.engine().jobsQueued();
        return result;
    }

    @Override
    public Optional<SyncJob> find(JobId id) {
        Objects.requireNonNull(id, "id");
        return tenant.read(tx -> tx.jobs().find(id));
    }

    @Override
    public Page<SyncJob> list(PageRequest page) {
        Objects.requireNonNull(page, "page");
        return tenant.read(tx -> tx.jobs().list(page));
    }

    @Override
    public List<JobLog> logs(JobId id) {
        Objects.requireNonNull(id, "id");
        return tenant.read(tx -> tx.jobs().logs(id));
    }

    @Override
    public SyncJob cancel(JobId id) {
        Objects.requireNonNull(id, "id");
        return tenant.write("cancel jobs", tx -> {
            SyncJob current = tx.jobs().find(id).orElseThrow(() -> notFound(id));
            if (current.status().terminal()) {
                throw new ConflictException("job " + id + " has already finished (" + current.status().dbValue() + ")");
            }
            return tx.jobs().cancel(id).orElseThrow(() -> notFound(id));
        });
    }

    @Override
    public SyncJob retry(JobId id) {
        Objects.requireNonNull(id, "id");
        SyncJob job = tenant.write("retry jobs", tx -> {
            SyncJob current = tx.jobs().find(id).orElseThrow(() -> notFound(id));
            if (current.status() != io.storesync.api.JobStatus.FAILED
                    && current.status() != io.storesync.api.JobStatus.CANCELLED) {
                throw new ConflictException("only failed or cancelled jobs can be retried; job " + id + " is "
                        + current.status().dbValue());
            }
            return tx.jobs().retry(id).orElseThrow(() -> notFound(id));
        });
        tenant.engine().jobsQueued();
        return job;
    }

    private static NotFoundException notFound(JobId id) {
        return new NotFoundException("job " + id + " not found");
    }
}

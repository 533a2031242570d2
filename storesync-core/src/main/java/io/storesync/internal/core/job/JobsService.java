package io.storesync.internal.core.job;

import io.storesync.api.ConflictException;
import io.storesync.api.NotFoundException;
import io.storesync.api.Page;
import io.storesync.api.PageRequest;
import io.storesync.api.job.Job;
import io.storesync.api.job.JobId;
import io.storesync.api.job.JobLog;
import io.storesync.api.job.Jobs;
import io.storesync.api.job.NewJob;
import io.storesync.internal.core.TenantHandle;
import io.storesync.spi.persistence.EnqueueResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The tenant's view of the job queue. */
public final class JobsService implements Jobs {
    private final TenantHandle tenant;

    public JobsService(TenantHandle tenant) {
        this.tenant = tenant;
    }

    @Override
    public Job enqueue(NewJob job) {
        Objects.requireNonNull(job, "job");
        return enqueueAll(List.of(job)).get(0);
    }

    @Override
    public List<Job> enqueueAll(List<NewJob> jobs) {
        Objects.requireNonNull(jobs, "jobs");
        jobs.forEach(j -> Objects.requireNonNull(j, "job"));
        boolean[] created = {false};
        List<Job> result = tenant.write("enqueue jobs", tx -> {
            List<Job> out = new ArrayList<>(jobs.size());
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
    public Optional<Job> find(JobId id) {
        Objects.requireNonNull(id, "id");
        return tenant.read(tx -> tx.jobs().find(id));
    }

    @Override
    public Page<Job> list(PageRequest page) {
        Objects.requireNonNull(page, "page");
        return tenant.read(tx -> tx.jobs().list(page));
    }

    @Override
    public List<JobLog> logs(JobId id) {
        Objects.requireNonNull(id, "id");
        return tenant.read(tx -> tx.jobs().logs(id));
    }

    @Override
    public Job cancel(JobId id) {
        Objects.requireNonNull(id, "id");
        return tenant.write("cancel jobs", tx -> {
            Job current = tx.jobs().find(id).orElseThrow(() -> notFound(id));
            if (current.status().terminal()) {
                throw new ConflictException("job " + id + " has already finished (" + current.status() + ")");
            }
            return tx.jobs().cancel(id).orElseThrow(() -> notFound(id));
        });
    }

    @Override
    public Job retry(JobId id) {
        Objects.requireNonNull(id, "id");
        Job job = tenant.write("retry jobs", tx -> {
            Job current = tx.jobs().find(id).orElseThrow(() -> notFound(id));
            if (current.status() != io.storesync.api.job.JobStatus.FAILED
                    && current.status() != io.storesync.api.job.JobStatus.CANCELLED) {
                throw new ConflictException("only failed or cancelled jobs can be retried; job " + id + " is "
                        + current.status());
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

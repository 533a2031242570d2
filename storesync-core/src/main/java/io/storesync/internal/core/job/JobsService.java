package io.storesync.internal.core.job;

import io.storesync.api.ConflictException;
import io.storesync.api.NotFoundException;
import io.storesync.api.Page;
import io.storesync.api.PageRequest;
import io.storesync.api.ValidationException;
import io.storesync.api.job.Job;
import io.storesync.api.job.JobId;
import io.storesync.api.job.JobLog;
import io.storesync.api.job.JobType;
import io.storesync.api.job.Jobs;
import io.storesync.api.job.NewJob;
import io.storesync.internal.api.Check;
import io.storesync.internal.core.TenantHandle;
import io.storesync.spi.persistence.EnqueueResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The tenant's view of the job queue. */
public final class JobsService implements Jobs {
    /** The job types any member may enqueue: the store work a host may reasonably want sooner. */
    static final Set<JobType> HOST_TYPES = Collections.unmodifiableSet(EnumSet.of(JobType.CATALOGUE_IMPORT,
            JobType.ORDER_POLL, JobType.STOCK_PUSH, JobType.STOCK_DRIFT_CHECK, JobType.PRICE_PUSH, JobType.NO_OP));
    /**
     * The most urgent priority a host may give: the default, where the engine's scheduled polls and imports run.
     * The engine's own urgent work (credential refresh 10, stock pushes 50) stays ahead of every host job.
     */
    static final int HOST_MIN_PRIORITY = NewJob.DEFAULT_PRIORITY;
    /** Enough to ride out a platform's bad hour with the backoff; not enough to keep a broken job alive for days. */
    static final int HOST_MAX_ATTEMPTS = 10;

    private final TenantHandle tenant;

    public JobsService(TenantHandle tenant) {
        this.tenant = tenant;
    }

    @Override
    public Job enqueue(NewJob job) {
        Check.present(job, "job");
        return enqueueAll(List.of(job)).get(0);
    }

    @Override
    public List<Job> enqueueAll(List<NewJob> jobs) {
        Check.present(jobs, "jobs");
        jobs.forEach(j -> Check.present(j, "job"));
        // all or nothing: a batch with one job out of bounds enqueues none
        jobs.forEach(this::requireHostMayEnqueue);
        boolean[] created = {false};
        List<Job> result = tenant.write("enqueue jobs", tx -> {
            if (jobs.stream().anyMatch(j -> j.type() == JobType.CREDENTIAL_REFRESH) && !tenant.currentRole(tx).canAdminister()) {
                throw tenant.denied("enqueue credential refreshes");
            }
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
        Check.present(id, "id");
        return tenant.read(tx -> tx.jobs().find(id));
    }

    @Override
    public Page<Job> list(PageRequest page) {
        Check.present(page, "page");
        return tenant.read(tx -> tx.jobs().list(page));
    }

    @Override
    public List<JobLog> logs(JobId id) {
        Check.present(id, "id");
        return tenant.read(tx -> tx.jobs().logs(id));
    }

    @Override
    public Job cancel(JobId id) {
        Check.present(id, "id");
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
        Check.present(id, "id");
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

    /**
     * What a host may ask for. The queue is shared by every tenant and claimed in priority order, so a host job may
     * not jump ahead of the engine's own work, and may not retry without end. Some types are the engine's alone:
     * {@code WEBHOOK_PROCESS} would process an event no platform sent (only a verified delivery creates one) and
     * {@code RETENTION_PURGE} is maintenance the engine schedules. {@code CREDENTIAL_REFRESH} is store
     * administration, like changing a store's credentials: admins and owners only.
     */
    void requireHostMayEnqueue(NewJob job) {
        if (job.type() == JobType.CREDENTIAL_REFRESH) {
            if (!tenant.role().canAdminister()) throw tenant.denied("enqueue credential refreshes");
        } else if (!HOST_TYPES.contains(job.type())) {
            throw new ValidationException(job.type() + " jobs are scheduled by StoreSync itself; hosts may enqueue "
                    + HOST_TYPES + " and, as an admin, CREDENTIAL_REFRESH");
        }
        if (job.priority() < HOST_MIN_PRIORITY) {
            throw new ValidationException("priority must be " + HOST_MIN_PRIORITY + " (the default) to 1000 for host"
                    + " jobs, got " + job.priority() + "; lower numbers are reserved for StoreSync's own work");
        }
        if (job.maxAttempts() > HOST_MAX_ATTEMPTS) {
            throw new ValidationException("maxAttempts must be 1 to " + HOST_MAX_ATTEMPTS + " for host jobs, got "
                    + job.maxAttempts());
        }
    }

    private static NotFoundException notFound(JobId id) {
        return new NotFoundException("job " + id + " not found");
    }
}

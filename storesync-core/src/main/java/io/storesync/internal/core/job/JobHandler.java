package io.storesync.internal.core.job;

/**
 * Runs one type of job. Handlers are idempotent: a job may run again after a crash or a lost lease, and running it
 * twice must leave the same result as running it once. They call {@link JobContext#checkpoint()} between steps.
 */
interface JobHandler {
    void run(JobContext ctx) throws Exception;
}

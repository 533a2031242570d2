-- The producer's trace context stored with a job (issue 15): a W3C traceparent, or whatever the host's
-- JobInterceptor gives, written at enqueue and handed back to the worker that claims the job, so that an enqueue and
-- the run that follows it share one trace across instances. Nullable: jobs the database schedules itself, and every
-- job of a host without an interceptor, carry none. Bounded, since it is the host's string; the engine drops a longer
-- one before it gets here. claim_sync_jobs returns SETOF sync_jobs, so the claim hands the column back unchanged;
-- the application role already inserts sync_jobs rows (V1), so no grant changes.

ALTER TABLE sync_jobs ADD COLUMN trace_context text
    CONSTRAINT sync_jobs_trace_context_length CHECK (length(trace_context) <= 512);

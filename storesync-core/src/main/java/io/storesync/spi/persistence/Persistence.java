package io.storesync.spi.persistence;

import io.storesync.api.job.JobType;
import io.storesync.api.organization.Member;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.Platform;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Open storage. Every method may block on the database and may be called from many threads at once.
 */
public interface Persistence {

    /**
     * Runs {@code work} in one transaction in which the database knows the tenant is {@code organization}; commits
     * when it returns, rolls back when it throws. The tenant setting ends with the transaction, so it never reaches
     * the next user of a pooled connection.
     *
     * @throws io.storesync.api.StoreSyncException translated from any database failure, or thrown by {@code work}
     */
    <R> R inTenant(OrganizationId organization, Function<TenantTransaction, R> work);

    /**
     * Runs read-only tenant work (reports and searches) as {@link #inTenant} does, but where a read replica may serve
     * it: with row-level security the same, in a read-only transaction, and seeing the primary's data as of the
     * replica's lag (a write that just committed may be missing). Never used for reads that decide a write. Storage
     * without a replica, and a call inside a host's transaction (which must see its own writes), use the primary.
     * The default is {@link #inTenant}.
     */
    default <R> R inTenantReadOnly(OrganizationId organization, Function<TenantTransaction, R> work) {
        return inTenant(organization, work);
    }

    /**
     * Where each job enqueued through {@link TenantTransaction#jobs()} gets the producer's context to store with it
     * (see {@code JobInterceptor}); {@link JobQueue#claim} hands it back. Called once by the engine, before any work,
     * when the host registered an interceptor. Storage that cannot keep it ignores it (the default): jobs then run
     * unlinked.
     */
    default void producerContext(Function<JobType, @Nullable String> source) {}

    /**
     * {@link #inTenant} for a call made by a member: {@code work} also gets {@code user}'s membership as this
     * transaction reads it before any of its own statements (empty when the user is no member of the organization), so
     * a role changed or a member deactivated since the caller's handle was made counts from this call on. A store
     * should read it in the round trip that sets the tenant, as the tenant call's first statement; the default reads
     * it with {@link MemberRepository#find} first.
     */
    default <R> R inTenantAs(OrganizationId organization, UserId user, BiFunction<TenantTransaction, Optional<Member>, R> work) {
        return inTenant(organization, tx -> work.apply(tx, tx.members().find(user)));
    }

    /**
     * Whether a tenant call made on this thread now would run in a transaction of StoreSync's own, begun and committed
     * by the store, rather than join one the caller has open (the host's). Only such calls may be combined with other
     * threads' calls into one transaction (concurrent reservations of one item, run in rounds). Cheap, does not block
     * on the database, may be called from any thread. The default, false, never combines.
     */
    default boolean ownTransactionHere() {
        return false;
    }

    /** Every platform, active or not, ordered by name. Reference data: no tenant needed. */
    List<Platform> platforms();

    /** The cross-tenant side of the job queue. */
    JobQueue queue();

    /**
     * Rate-limit buckets shared by every instance on this storage; empty (the default) leaves each JVM with buckets
     * of its own, so N instances may together call a store at N times its limit.
     */
    default Optional<RateLimitBuckets> rateLimitBuckets() {
        return Optional.empty();
    }
}

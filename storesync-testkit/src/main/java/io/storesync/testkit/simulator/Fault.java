package io.storesync.testkit.simulator;

/** A failure a simulator can inject in place of (or, for {@link #SLOW}, before) a normal answer. */
public enum Fault {
    /** HTTP 429 with a {@code Retry-After}; the request is not applied. */
    RATE_LIMITED,
    /** HTTP 503; the request is not applied. */
    SERVER_ERROR,
    /**
     * The answer is delayed by the plan's slow delay, then given normally: the request <em>is</em> applied, so a
     * client that timed out meanwhile sees a lost response, as on a real network.
     */
    SLOW,
    /** HTTP 200 with a truncated JSON body; the request is not applied. */
    MALFORMED_BODY,
    /** HTTP 401 saying the credentials expired; the request is not applied. */
    EXPIRED_CREDENTIALS
}

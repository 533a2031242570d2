package io.storesync.api;

import io.storesync.internal.api.Check;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A credential (token, key, password). Its {@link #toString()} is redacted so a secret never reaches a log line or
 * an exception message by accident; {@link #reveal()} is the one explicit way to read it.
 */
public final class Secret {
    private final byte[] value;

    private Secret(byte[] value) {
        this.value = value;
    }

    /** Wraps a secret given as text. */
    public static Secret of(String value) {
        Check.present(value, "secret");
        return new Secret(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Wraps secret bytes (copied). */
    public static Secret ofBytes(byte[] value) {
        Check.present(value, "secret");
        return new Secret(value.clone());
    }

    /** The secret as text; call only where it is about to be used. */
    public String reveal() {
        return new String(value, StandardCharsets.UTF_8);
    }

    /** The secret bytes (a copy). */
    public byte[] revealBytes() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && MessageDigest.isEqual(value, other.value);
    }

    /**
     * Constant: a hash derived from the value would be a cheap fingerprint of the secret (and one that leaks through
     * hash-based collections' timing and iteration order). Secrets are not meant to be map keys; equal secrets still
     * share a hash code, as {@link #equals} requires.
     */
    @Override
    public int hashCode() {
        return Secret.class.hashCode();
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}

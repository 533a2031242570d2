package io.storesync.spi.persistence;

import java.util.Objects;

/**
 * Encrypted store credentials as stored in {@code stores.credentials}: the id of the key that encrypted them, the
 * AES-GCM nonce and the ciphertext (with its tag). Opaque to persistence.
 */
public record CredentialEnvelope(int version, String keyId, byte[] nonce, byte[] ciphertext) {
    public CredentialEnvelope {
        Objects.requireNonNull(keyId, "keyId");
        nonce = nonce.clone();
        ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CredentialEnvelope e && e.version == version && e.keyId.equals(keyId)
                && java.util.Arrays.equals(e.nonce, nonce) && java.util.Arrays.equals(e.ciphertext, ciphertext);
    }

    @Override
    public int hashCode() {
        return keyId.hashCode() * 31 + java.util.Arrays.hashCode(ciphertext);
    }

    @Override
    public String toString() {
        return "CredentialEnvelope[v" + version + ", key=" + keyId + ", " + ciphertext.length + " bytes]";
    }
}

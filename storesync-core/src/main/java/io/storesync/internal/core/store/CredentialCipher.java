package io.storesync.internal.core.store;

import io.storesync.api.ErrorCode;
import io.storesync.api.Secret;
import io.storesync.api.StoreSyncException;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.CredentialKeys;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.store.StoreId;
import io.storesync.spi.persistence.CredentialEnvelope;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM envelope for store credentials, with the JDK's own crypto. The associated data binds the ciphertext to its
 * organization and store, so a ciphertext copied onto another store's (or tenant's) row fails to decrypt instead of
 * handing that store the wrong shop's tokens. The key id travels with the ciphertext, so keys can rotate.
 */
public final class CredentialCipher {
    static final int VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    /** Names are written unpadded so a line's first '=' always separates name from value. */
    private static final Base64.Encoder NAME = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder NAME_D = Base64.getUrlDecoder();

    private final CredentialKeys keys;
    private final SecureRandom random = new SecureRandom();

    public CredentialCipher(CredentialKeys keys) {
        this.keys = keys;
    }

    public CredentialEnvelope encrypt(OrganizationId organization, StoreId store, StoreCredentials credentials) {
        String keyId = keys.currentKeyId();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keyId, nonce, organization, store);
            byte[] plain = serialize(credentials);
            byte[] ct = cipher.doFinal(plain);
            java.util.Arrays.fill(plain, (byte) 0);
            return new CredentialEnvelope(VERSION, keyId, nonce, ct);
        } catch (GeneralSecurityException e) {
            throw new StoreSyncException(ErrorCode.CONFIGURATION, "credentials could not be encrypted with key " + keyId, e);
        }
    }

    public StoreCredentials decrypt(OrganizationId organization, StoreId store, CredentialEnvelope envelope) {
        if (envelope.version() != VERSION) {
            throw new StoreSyncException(ErrorCode.INTERNAL, "store " + store + " has credentials in unknown format v" + envelope.version());
        }
        if (!keys.keyIds().contains(envelope.keyId())) {
            throw new UndecryptableCredentialsException("store " + store + " has credentials encrypted with key "
                    + envelope.keyId() + ", which is not configured", false, null);
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, envelope.keyId(), envelope.nonce(), organization, store);
            byte[] plain = cipher.doFinal(envelope.ciphertext());
            try {
                return deserialize(plain);
            } finally {
                java.util.Arrays.fill(plain, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            // deliberately vague: the cause says nothing secret, but the message must not help an attacker either
            throw new UndecryptableCredentialsException("credentials of store " + store
                    + " failed authentication (wrong key, or not this store's ciphertext)", true, e);
        }
    }

    /** The key id new envelopes are written under. */
    public String currentKeyId() {
        return keys.currentKeyId();
    }

    /**
     * A store's credentials cannot be read with the configured keys: their key id is not configured (a deploy that
     * lost a key: the job fails without retrying, nothing else changes), or the key under that id does not open them
     * ({@link #wrongKey()}: the key was replaced or the row was tampered with; the store is flagged for
     * re-authorisation, because nothing short of new credentials will make it work again).
     */
    public static final class UndecryptableCredentialsException extends StoreSyncException {
        private static final long serialVersionUID = 1L;
        private final boolean wrongKey;

        UndecryptableCredentialsException(String message, boolean wrongKey, @org.jspecify.annotations.Nullable Throwable cause) {
            super(ErrorCode.CONFIGURATION, message, cause);
            this.wrongKey = wrongKey;
        }

        /** Whether a configured key under the envelope's key id failed to open it. */
        public boolean wrongKey() {
            return wrongKey;
        }
    }

    private Cipher cipher(int mode, String keyId, byte[] nonce, OrganizationId organization, StoreId store)
            throws GeneralSecurityException {
        byte[] key = keys.key(keyId).revealBytes();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(organization, store, keyId));
            return cipher;
        } finally {
            java.util.Arrays.fill(key, (byte) 0);
        }
    }

    static byte[] associatedData(OrganizationId organization, StoreId store, String keyId) {
        return ("storesync/store-credentials/v" + VERSION + "/" + organization + "/" + store + "/" + keyId)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Lines of {@code name=base64}; no JSON library in core, and the format is ours alone. */
    private static byte[] serialize(StoreCredentials c) {
        StringBuilder s = new StringBuilder("v1\n");
        s.append("access=").append(B64.encodeToString(c.accessToken().revealBytes())).append('\n');
        if (c.refreshToken() != null) s.append("refresh=").append(B64.encodeToString(c.refreshToken().revealBytes())).append('\n');
        if (c.expiresAt() != null) s.append("expires=").append(c.expiresAt()).append('\n');
        c.extra().forEach((k, v) -> s.append("x.").append(NAME.encodeToString(k.getBytes(StandardCharsets.UTF_8)))
                .append('=').append(B64.encodeToString(v.revealBytes())).append('\n'));
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static StoreCredentials deserialize(byte[] plain) {
        Secret access = null;
        Secret refresh = null;
        Instant expires = null;
        Map<String, Secret> extra = new LinkedHashMap<>();
        String[] lines = new String(plain, StandardCharsets.UTF_8).split("\n");
        if (lines.length == 0 || !lines[0].equals("v1")) throw new StoreSyncException(ErrorCode.INTERNAL, "unknown credentials format");
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int eq = line.indexOf('=');
            if (eq < 0) continue;
            String name = line.substring(0, eq);
            String value = line.substring(eq + 1);
            if (name.equals("access")) access = Secret.ofBytes(B64D.decode(value));
            else if (name.equals("refresh")) refresh = Secret.ofBytes(B64D.decode(value));
            else if (name.equals("expires")) expires = Instant.parse(value);
            else if (name.startsWith("x.")) {
                extra.put(new String(NAME_D.decode(name.substring(2)), StandardCharsets.UTF_8), Secret.ofBytes(B64D.decode(value)));
            }
        }
        if (access == null) throw new StoreSyncException(ErrorCode.INTERNAL, "stored credentials have no access token");
        return new StoreCredentials(access, refresh, expires, extra);
    }
}

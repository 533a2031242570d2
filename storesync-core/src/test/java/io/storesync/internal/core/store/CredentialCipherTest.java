package io.storesync.internal.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.api.ErrorCode;
import io.storesync.api.Secret;
import io.storesync.api.StoreSyncException;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.CredentialKeys;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.store.StoreId;
import io.storesync.internal.core.store.CredentialCipher;
import io.storesync.spi.persistence.CredentialEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialCipherTest {
    private static final Secret K1 = Secret.ofBytes("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private static final Secret K2 = Secret.ofBytes("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));
    private final OrganizationId org = OrganizationId.random();
    private final StoreId store = StoreId.random();
    private final StoreCredentials credentials = new StoreCredentials(Secret.of("access-token-1"), Secret.of("refresh=="),
            Instant.parse("2030-01-02T03:04:05.123456Z"), Map.of("api key", Secret.of("k=v"), "x", Secret.of("y")));

    @Test
    void roundTripsEveryComponent() {
        CredentialCipher cipher = new CredentialCipher(CredentialKeys.single("k1", K1));
        CredentialEnvelope envelope = cipher.encrypt(org, store, credentials);
        assertThat(envelope.keyId()).isEqualTo("k1");
        assertThat(new String(envelope.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("access-token-1");
        assertThat(cipher.decrypt(org, store, envelope)).isEqualTo(credentials);
    }

    @Test
    void aCiphertextMovedToAnotherStoreOrOrganizationDoesNotDecrypt() {
        CredentialCipher cipher = new CredentialCipher(CredentialKeys.single("k1", K1));
        CredentialEnvelope envelope = cipher.encrypt(org, store, credentials);
        assertThatThrownBy(() -> cipher.decrypt(org, StoreId.random(), envelope))
                .isInstanceOf(StoreSyncException.class).hasMessageContaining("failed authentication");
        assertThatThrownBy(() -> cipher.decrypt(OrganizationId.random(), store, envelope))
                .isInstanceOf(StoreSyncException.class).hasMessageContaining("failed authentication");
    }

    @Test
    void rotatedKeysReadOldCiphertextAndWriteWithTheCurrentKey() {
        CredentialEnvelope old = new CredentialCipher(CredentialKeys.single("k1", K1)).encrypt(org, store, credentials);
        CredentialCipher rotated = new CredentialCipher(CredentialKeys.of("k2", Map.of("k1", K1, "k2", K2)));
        assertThat(rotated.decrypt(org, store, old)).isEqualTo(credentials);
        assertThat(rotated.encrypt(org, store, credentials).keyId()).isEqualTo("k2");
        CredentialCipher k2Only = new CredentialCipher(CredentialKeys.single("k2", K2));
        assertThatThrownBy(() -> k2Only.decrypt(org, store, old)).isInstanceOf(StoreSyncException.class)
                .satisfies(e -> assertThat(((StoreSyncException) e).code()).isEqualTo(ErrorCode.CONFIGURATION));
    }

    @Test
    void everyEncryptionUsesAFreshNonce() {
        CredentialCipher cipher = new CredentialCipher(CredentialKeys.single("k1", K1));
        assertThat(cipher.encrypt(org, store, credentials).nonce()).isNotEqualTo(cipher.encrypt(org, store, credentials).nonce());
    }
}

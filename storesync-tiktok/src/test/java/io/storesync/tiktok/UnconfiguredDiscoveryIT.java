package io.storesync.tiktok;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.ErrorCode;
import io.storesync.api.Secret;
import io.storesync.api.StoreSyncException;
import io.storesync.api.Tenant;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.CredentialKeys;
import io.storesync.api.store.NewStore;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.store.StoreSettings;
import io.storesync.spi.connector.ConnectorSettings;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A host with several connector modules on its class path configures the ones it uses: the TikTok Shop connector,
 * found by the service loader and given no app key, must not stop StoreSync from starting (found when the benchmarks
 * module gained both marketplace connectors), and a store on it is refused naming the missing setting. Given settings
 * that are wrong, it still fails the start.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
class UnconfiguredDiscoveryIT {
    private final TestDatabase db;

    UnconfiguredDiscoveryIT(TestDatabase db) {
        this.db = db;
    }

    private static CredentialKeys keys() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return CredentialKeys.single("k1", Secret.ofBytes(key));
    }

    @Test
    void aDiscoveredConnectorWithoutSettingsIsLeftOutAndNamedWhenUsed() {
        StoreSync sync = db.storeSyncBuilder().credentialKeys(keys()).build();
        UserId ownerId = UserId.random();
        Organization org = sync.createOrganization(NewOrganization.of("Unconfigured", "unconfigured-tts", ownerId,
                "u@x.example", "U"));
        Tenant owner = sync.tenant(org.id(), Actor.user(ownerId));
        assertThatThrownBy(() -> owner.stores().connect(new NewStore(TikTokShopConnector.PLATFORM, "Tok", "shop-1",
                StoreCredentials.of(Secret.of("access")), StoreSettings.DEFAULTS)))
                .isInstanceOfSatisfying(StoreSyncException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.getMessage()).contains("tiktok_shop").contains("app_key").contains("connectorSettings");
                });
        assertThat(owner.stores().list()).isEmpty();
    }

    @Test
    void settingsGivenButIncompleteStillFailTheStart() {
        ConnectorSettings incomplete = new ConnectorSettings(TikTokShopConnector.PLATFORM, Map.of("region", "SG"), Map.of());
        assertThatThrownBy(() -> db.storeSyncBuilder().credentialKeys(keys()).connectorSettings(incomplete).build())
                .isInstanceOfSatisfying(StoreSyncException.class, e -> assertThat(e.getMessage()).contains("app_key"));
    }
}

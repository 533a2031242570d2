package io.storesync.website;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import io.storesync.StoreSync;
import io.storesync.api.AccessDeniedException;
import io.storesync.api.Actor;
import io.storesync.api.PageRequest;
import io.storesync.api.Secret;
import io.storesync.api.Tenant;
import io.storesync.api.ValidationException;
import io.storesync.api.job.JobType;
import io.storesync.api.organization.NewMember;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.Role;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.AuthorizationExpiry;
import io.storesync.api.store.AuthorizationResult;
import io.storesync.api.store.AuthorizationStart;
import io.storesync.api.store.CredentialKeys;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.store.StoreStatus;
import io.storesync.spi.connector.Authorization;
import io.storesync.spi.connector.AuthorizedShop;
import io.storesync.spi.connector.Connector;
import io.storesync.spi.connector.ConnectorProvider;
import io.storesync.spi.connector.ConnectorSettings;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stores connected by consent: the state is checked before the code is spent, one consent creates a store for each
 * shop it grants, and a second consent re-authorises them instead of duplicating. The consent's own expiry is kept per
 * store and listed for the host to warn the seller. The custom website has no consent
 * flow of its own, so the connector here is the website connector with a scripted OAuth front (as TikTok Shop's would
 * be: one code, two shops).
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
class ConsentFlowIT {
    private static final URI CALLBACK = URI.create("https://host.example/storesync/callback");
    private final TestDatabase db;
    private final AtomicInteger exchanges = new AtomicInteger();
    /** When the consent the platform grants lapses (Shopee: a year after it is given); the database keeps microseconds. */
    private volatile Instant consentLapsesAt = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.MICROS);

    ConsentFlowIT(TestDatabase db) {
        this.db = db;
    }

    @Test
    void oneConsentConnectsEveryShopItGrantsAndASecondReauthorisesThem() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        StoreSync sync = db.storeSyncBuilder().credentialKeys(CredentialKeys.single("k1", Secret.ofBytes(key)))
                .discoverConnectors(false).connector(new ConsentingProvider()).build();
        UserId ownerId = UserId.random();
        Organization org = sync.createOrganization(NewOrganization.of("Consent", "consent-it", ownerId, "o@x.example", "O"));
        Tenant owner = sync.tenant(org.id(), Actor.user(ownerId));

        AuthorizationStart start = owner.stores().startAuthorization(WebsiteConnector.PLATFORM, CALLBACK);
        assertThat(start.consentUrl().getQuery()).contains("state=" + start.state());
        assertThat(start.toString()).doesNotContain(start.state());

        // a forged callback (another state) is refused before the code is spent
        assertThatThrownBy(() -> owner.stores().completeAuthorization(WebsiteConnector.PLATFORM, start.state(),
                "forged-state", "code-1", CALLBACK)).isInstanceOf(ValidationException.class);
        assertThat(exchanges).hasValue(0);

        AuthorizationResult first = owner.stores().completeAuthorization(WebsiteConnector.PLATFORM, start.state(),
                start.state(), "code-1", CALLBACK);
        assertThat(first.created()).extracting(Store::platformStoreId).containsExactlyInAnyOrder("shop-a", "shop-b");
        assertThat(first.reauthorized()).isEmpty();
        assertThat(owner.jobs().list(PageRequest.first(50)).items())
                .filteredOn(j -> j.type() == JobType.CATALOGUE_IMPORT).hasSize(2);

        // the consent's expiry is kept per store and a host can list the stores to warn about
        for (Store s : first.created()) assertThat(owner.stores().authorizationExpiry(s.id())).contains(consentLapsesAt);
        assertThat(owner.stores().authorizationsExpiringWithin(Duration.ofDays(31)))
                .extracting(e -> e.store().platformStoreId(), AuthorizationExpiry::expiresAt)
                .containsExactlyInAnyOrder(tuple("shop-a", consentLapsesAt), tuple("shop-b", consentLapsesAt));
        assertThat(owner.stores().authorizationsExpiringWithin(Duration.ofDays(29))).isEmpty();
        assertThatThrownBy(() -> owner.stores().authorizationsExpiringWithin(Duration.ofDays(-1)))
                .isInstanceOf(ValidationException.class);

        Store flagged = owner.stores().flagForReauthorization(first.created().get(0).id(), "token revoked");
        assertThat(flagged.status()).isEqualTo(StoreStatus.REAUTHORIZATION_REQUIRED);
        // the second consent is given for another year: the new expiry replaces the old one
        consentLapsesAt = consentLapsesAt.plus(Duration.ofDays(365));
        AuthorizationStart again = owner.stores().startAuthorization(WebsiteConnector.PLATFORM, CALLBACK);
        // given as the whole callback query: a connector that only reads the code gets it through the default
        AuthorizationResult second = owner.stores().completeAuthorization(WebsiteConnector.PLATFORM, again.state(),
                java.util.Map.of("state", again.state(), "code", "code-2", "scope", "orders"), CALLBACK);
        assertThat(second.created()).isEmpty();
        assertThat(second.reauthorized()).extracting(Store::platformStoreId).containsExactlyInAnyOrder("shop-a", "shop-b");
        assertThat(owner.stores().find(flagged.id()).orElseThrow().status()).isEqualTo(StoreStatus.ACTIVE);
        assertThat(owner.stores().list()).hasSize(2);
        assertThat(owner.stores().authorizationExpiry(flagged.id())).contains(consentLapsesAt);
        assertThat(owner.stores().authorizationsExpiringWithin(Duration.ofDays(31))).isEmpty();

        // a viewer cannot start attaching shops
        UserId viewerId = UserId.random();
        owner.members().add(new NewMember(viewerId, "v@x.example", null, Role.VIEWER));
        Tenant viewer = sync.tenant(org.id(), Actor.user(viewerId));
        assertThatThrownBy(() -> viewer.stores().startAuthorization(WebsiteConnector.PLATFORM, CALLBACK))
                .isInstanceOf(AccessDeniedException.class);
        // but may see when consent lapses
        assertThat(viewer.stores().authorizationsExpiringWithin(Duration.ofDays(400))).hasSize(2);
    }

    /** The website connector behind a scripted consent: every code grants shop-a and shop-b. */
    private final class ConsentingProvider implements ConnectorProvider {
        @Override
        public String platform() {
            return WebsiteConnector.PLATFORM;
        }

        @Override
        public Connector create(ConnectorSettings settings) {
            return new BrokenConnectorsTest.Delegating(WebsiteConnector.create(settings)) {
                @Override
                public boolean supportsConsent() {
                    return true;
                }

                @Override
                public URI consentUrl(String state, URI redirectUri) {
                    return URI.create("https://auth.example/authorize?app=storesync&redirect_uri=" + redirectUri + "&state=" + state);
                }

                @Override
                public Authorization exchangeCode(String code, URI redirectUri) {
                    exchanges.incrementAndGet();
                    return new Authorization(StoreCredentials.of(Secret.of("access-" + code), Secret.of("refresh-" + code),
                            Instant.now().plusSeconds(4 * 3600)),
                            List.of(new AuthorizedShop("shop-a", "Shop A", "ID"), new AuthorizedShop("shop-b", "Shop B", "ID")),
                            consentLapsesAt);
                }
            };
        }
    }
}

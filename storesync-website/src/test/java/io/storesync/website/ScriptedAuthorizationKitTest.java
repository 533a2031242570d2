package io.storesync.website;

import io.storesync.api.Secret;
import io.storesync.api.store.StoreCredentials;
import io.storesync.spi.connector.Authorization;
import io.storesync.spi.connector.AuthorizedShop;
import io.storesync.spi.connector.Connector;
import io.storesync.spi.connector.CredentialsRejectedException;
import io.storesync.spi.connector.StoreAccess;
import io.storesync.testkit.connector.ConnectorCompatibilityKit;
import io.storesync.testkit.simulator.MarketplaceSimulator;
import io.storesync.testkit.simulator.WebsiteSimulator;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The whole kit, with the authorisation checks switched on, against the website connector behind a scripted OAuth
 * front as Shopee's or TikTok Shop's would be: consent codes are single-use and refresh tokens rotate (a refresh token
 * presented twice is refused). The custom-website contract has neither (API keys do not expire), so the front — a
 * token service in this test, standing for the platform's — is what exercises the kit's refresh and consent checks
 * here; {@link BrokenConnectorsTest} shows they catch connectors that get rotation or consent wrong.
 */
class ScriptedAuthorizationKitTest extends ConnectorCompatibilityKit {
    /** The platform's token service: which refresh tokens and consent codes are live. */
    final TokenService tokens = new TokenService();

    @Override
    protected MarketplaceSimulator newSimulator() {
        return WebsiteSimulator.start();
    }

    @Override
    protected Connector newConnector(MarketplaceSimulator simulator, Duration requestTimeout) {
        return new WithOAuth(WebsiteConnectorKitTest.connector(requestTimeout), simulator, tokens);
    }

    @Override
    protected Optional<StoreCredentials> refreshableCredentials(MarketplaceSimulator simulator) {
        StoreCredentials site = simulator.credentials(SHOP);
        return Optional.of(new StoreCredentials(site.accessToken(), Secret.of(tokens.issueRefreshToken()),
                Instant.now().plusSeconds(3600), site.extra()));
    }

    @Override
    protected Optional<String> consentCode(MarketplaceSimulator simulator, URI redirectUri) {
        return Optional.of(tokens.issueCode());
    }

    /** Live refresh tokens and consent codes; each is spent by its first use. Thread-safe. */
    static final class TokenService {
        private final SecureRandom random = new SecureRandom();
        private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
        private final Set<String> codes = ConcurrentHashMap.newKeySet();

        String issueRefreshToken() {
            String token = "rt_" + token();
            refreshTokens.add(token);
            return token;
        }

        String issueCode() {
            String code = "code_" + token();
            codes.add(code);
            return code;
        }

        /** Spends {@code presented} and issues its successor; a token not live is refused. */
        String rotate(String presented) {
            if (!refreshTokens.remove(presented)) {
                throw new CredentialsRejectedException(WebsiteConnector.PLATFORM, "invalid_refresh_token",
                        "refresh token unknown or already used", null, 401);
            }
            return issueRefreshToken();
        }

        void spend(String code) {
            if (!codes.remove(code)) {
                throw new CredentialsRejectedException(WebsiteConnector.PLATFORM, "invalid_code", "code unknown or already used",
                        null, 400);
            }
        }

        private String token() {
            byte[] b = new byte[16];
            random.nextBytes(b);
            return HexFormat.of().formatHex(b);
        }
    }

    /** The website connector with a consent flow and rotating refresh tokens in front. */
    static class WithOAuth extends BrokenConnectorsTest.Delegating {
        private final MarketplaceSimulator simulator;
        private final TokenService tokens;

        WithOAuth(Connector site, MarketplaceSimulator simulator, TokenService tokens) {
            super(site);
            this.simulator = simulator;
            this.tokens = tokens;
        }

        @Override
        public boolean rotatesRefreshTokens() {
            return true;
        }

        @Override
        public boolean supportsConsent() {
            return true;
        }

        @Override
        public URI consentUrl(String state, URI redirectUri) {
            return URI.create("https://auth.example/authorize?app=storesync&redirect_uri="
                    + URLEncoder.encode(redirectUri.toString(), StandardCharsets.UTF_8)
                    + "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8));
        }

        @Override
        public Authorization exchangeCode(String code, URI redirectUri) {
            tokens.spend(code);
            StoreCredentials site = simulator.credentials(SHOP);
            return new Authorization(new StoreCredentials(site.accessToken(), Secret.of(tokens.issueRefreshToken()),
                    Instant.now().plusSeconds(4 * 3600), site.extra()), List.of(new AuthorizedShop(SHOP, "Kit shop", "ID")),
                    Instant.now().plus(Duration.ofDays(365)));
        }

        @Override
        public StoreCredentials refreshCredentials(StoreAccess store) {
            Secret presented = store.credentials().refreshToken();
            if (presented == null) {
                throw new CredentialsRejectedException(WebsiteConnector.PLATFORM, null, "no refresh token", null, 401);
            }
            String next = tokens.rotate(presented.reveal());
            return new StoreCredentials(store.credentials().accessToken(), Secret.of(next), Instant.now().plusSeconds(4 * 3600),
                    store.credentials().extra());
        }
    }
}

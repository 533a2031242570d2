package io.storesync.website;

import io.storesync.spi.connector.Connector;
import io.storesync.spi.connector.ConnectorProvider;
import io.storesync.spi.connector.ConnectorSettings;

/**
 * Makes the {@link WebsiteConnector}. Registered for {@link java.util.ServiceLoader}, so adding this jar is enough.
 *
 * <p>Settings (all optional): {@code allow_http} ({@code true} lets stores use plain {@code http://} base URLs — for
 * tests and local development only), {@code connect_timeout_ms}, {@code request_timeout_ms}.
 */
public final class WebsiteConnectorProvider implements ConnectorProvider {

    /** For the service loader. */
    public WebsiteConnectorProvider() {}

    @Override
    public String platform() {
        return WebsiteConnector.PLATFORM;
    }

    @Override
    public Connector create(ConnectorSettings settings) {
        return WebsiteConnector.create(settings);
    }
}

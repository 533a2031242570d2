package io.storesync.spi.connector;

/**
 * Makes the {@link Connector} for one platform. Found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.storesync.spi.connector.ConnectorProvider}) and also registrable explicitly on the
 * {@code StoreSync} builder; two providers for one platform are a configuration error naming both.
 *
 * <p>Implementations need a public no-argument constructor when registered for the service loader.
 * {@link #create} is called once per {@code StoreSync} instance, from the thread that builds it.
 */
public interface ConnectorProvider {

    /** The platform name this connector serves; must equal a {@code platforms.name}, such as {@code shopee}. */
    String platform();

    /**
     * Creates the connector.
     *
     * @param settings the host's settings for this platform (app keys and the like); empty when none were given
     * @throws io.storesync.api.StoreSyncException with {@code CONFIGURATION} when required settings are missing
     */
    Connector create(ConnectorSettings settings);
}

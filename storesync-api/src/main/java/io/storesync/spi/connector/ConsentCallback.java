package io.storesync.spi.connector;

import java.util.Map;
import java.util.Objects;

/**
 * What the platform's redirect brought back from a seller's consent: the single-use {@code code} and the rest of the
 * callback's query parameters, which some platforms need to exchange it (Shopee sends {@code shop_id} for one shop or
 * {@code main_account_id} for a main account's several). The host's {@code state} is not among them: StoreSync checks
 * it before the callback reaches the connector.
 *
 * @param code the authorisation code; never blank
 * @param parameters every other query parameter of the callback, decoded, first value of each name
 */
public record ConsentCallback(String code, Map<String, String> parameters) {
    public ConsentCallback {
        Objects.requireNonNull(code, "code");
        if (code.isBlank()) throw new IllegalArgumentException("code is blank");
        parameters = Map.copyOf(parameters);
    }

    /** A callback carrying the code only. */
    public static ConsentCallback of(String code) {
        return new ConsentCallback(code, Map.of());
    }

    /** The callback's parameter of this name, or null. */
    public @org.jspecify.annotations.Nullable String parameter(String name) {
        return parameters.get(name);
    }

    /** Names the parameters, never their values: the code is a credential until spent. */
    @Override
    public String toString() {
        return "ConsentCallback[code=***, parameters=" + new java.util.TreeSet<>(parameters.keySet()) + "]";
    }
}

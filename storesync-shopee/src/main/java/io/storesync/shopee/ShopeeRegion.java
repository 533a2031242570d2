package io.storesync.shopee;

import java.net.URI;
import java.util.Locale;

/**
 * The Open Platform API hosts Shopee's guide ("API calls") names, picked by the {@code region} setting; an explicit
 * {@code api_base_url} setting overrides them (proxies, the legacy sandbox host, a simulator). Nothing else in the
 * connector names a host.
 *
 * <p>Stability: experimental; hosts move (the sandbox moved twice), so hosts should prefer {@code api_base_url}.
 */
public enum ShopeeRegion {
    /** Production, deployed near Singapore: {@code partner.shopeemobile.com}. */
    SG("https://partner.shopeemobile.com"),
    /** Production, near mainland China: {@code openplatform.shopee.cn}. */
    CN("https://openplatform.shopee.cn"),
    /** Production, Brazil (near the US): {@code openplatform.shopee.com.br}. */
    BR("https://openplatform.shopee.com.br"),
    /** The sandbox for all developers. */
    SANDBOX("https://openplatform.sandbox.test-stable.shopee.sg"),
    /** The sandbox for mainland-China developers. */
    SANDBOX_CN("https://openplatform.sandbox.test-stable.shopee.cn");

    private final URI apiBase;

    ShopeeRegion(String apiBase) {
        this.apiBase = URI.create(apiBase);
    }

    /** The API root (scheme and host). */
    public URI apiBase() {
        return apiBase;
    }

    /** The region named by a setting value ({@code sg}, {@code cn}, {@code br}, {@code sandbox}, {@code sandbox_cn}). */
    public static ShopeeRegion parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown Shopee region; use sg, cn, br, sandbox or sandbox_cn");
        }
    }
}

package io.storesync.shopee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.storesync.api.Secret;
import io.storesync.shopee.ShopeeSigner.Level;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * Signing: the base strings printed in Shopee's "API calls" guide, exactly, and signatures computed independently
 * with {@code openssl dgst -sha256 -hmac <key>} over those base strings (the guide withholds its key, so the key here is
 * ours: {@value #KEY}).
 */
class ShopeeSignerTest {
    private static final String KEY = "shpk4e6f7a2b9c0d1e2f3a4b5c6d7e8f90";
    private static final ShopeeSigner SIGNER = ShopeeSigner.of(2001887, Secret.of(KEY));

    @Test
    void shopBaseStringIsTheGuidesExample() {
        assertThat(ShopeeSigner.baseString(Level.SHOP, 2001887, "/api/v2/shop/get_shop_info", 1655714431,
                "59777174636562737266615546704c6d", "14701711"))
                .isEqualTo("2001887/api/v2/shop/get_shop_info165571443159777174636562737266615546704c6d14701711");
    }

    @Test
    void merchantBaseStringIsTheGuidesExample() {
        assertThat(ShopeeSigner.baseString(Level.MERCHANT, 2001887, "/api/v2/global_product/get_category", 1655714431,
                "09777174636962737266615546704c6d", "1000000"))
                .isEqualTo("2001887/api/v2/global_product/get_category165571443109777174636962737266615546704c6d1000000");
    }

    @Test
    void publicBaseStringIsTheGuidesExampleAndIgnoresTokenAndId() {
        assertThat(ShopeeSigner.baseString(Level.PUBLIC, 2001887, "/api/v2/public/get_shops_by_partner", 1655714431,
                "ignored", "ignored")).isEqualTo("2001887/api/v2/public/get_shops_by_partner1655714431");
    }

    @Test
    void signaturesMatchOpensslOverTheGuidesBaseStrings() {
        // printf '%s' '<base string>' | openssl dgst -sha256 -hmac shpk4e6f7a2b9c0d1e2f3a4b5c6d7e8f90
        assertThat(SIGNER.sign(Level.SHOP, "/api/v2/shop/get_shop_info", 1655714431,
                "59777174636562737266615546704c6d", "14701711"))
                .isEqualTo("b954af2d6205eb4339a06621def642bfa466b44268ad3cbaaf7eb8df66e75e45");
        assertThat(SIGNER.sign(Level.MERCHANT, "/api/v2/global_product/get_category", 1655714431,
                "09777174636962737266615546704c6d", "1000000"))
                .isEqualTo("7fc9da0b5b77b03a9e1f6d287438308ce530ead67fc355921d0cf079c73d0972");
        assertThat(SIGNER.sign(Level.PUBLIC, "/api/v2/public/get_shops_by_partner", 1655714431, null, null))
                .isEqualTo("7dd58b0a6520fa731d435b8ec08e16857ae644d4d7d6a905d322a76c2371f13b");
    }

    @Test
    void aSignatureWithALeadingZeroByteKeepsAllSixtyFourDigits() {
        // found by trying timestamps; checked with openssl. A %032x / BigInteger formatter drops the "00".
        String sign = SIGNER.sign(Level.PUBLIC, "/api/v2/public/get_shops_by_partner", 1655714488, null, null);
        assertThat(sign).isEqualTo("006beaf53fd8cb161185613b7fa40268015fd85361bd2644051104a922a58341").hasSize(64);
    }

    @Test
    void aPathWithoutApiV2OrWithAQueryIsRefused() {
        assertThatThrownBy(() -> SIGNER.sign(Level.PUBLIC, "/product/get_item_list", 1, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SIGNER.sign(Level.PUBLIC, "/api/v2/product/get_item_list?x=1", 1, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SIGNER.sign(Level.SHOP, "/api/v2/product/get_item_list", 1, null, "1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theKeyIsNeverShown() {
        assertThat(SIGNER.toString()).doesNotContain(KEY).contains("2001887");
    }

    @Property(tries = 200)
    void everySignatureIsSixtyFourLowerCaseHexDigitsOfTheHmac(@ForAll @AlphaChars @StringLength(min = 1, max = 40) String key,
            @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long partnerId, @ForAll @LongRange(min = 0, max = 4_000_000_000L) long ts,
            @ForAll @AlphaChars @StringLength(min = 1, max = 32) String token) throws Exception {
        ShopeeSigner signer = ShopeeSigner.of(partnerId, Secret.of(key));
        String sign = signer.sign(Level.SHOP, "/api/v2/order/get_order_list", ts, token, "42");
        assertThat(sign).hasSize(64).matches("[0-9a-f]{64}");
        // the official Java demo's formatting, done right (%064x), as an independent reference
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String base = partnerId + "/api/v2/order/get_order_list" + ts + token + "42";
        assertThat(sign).isEqualTo(String.format("%064x", new BigInteger(1, mac.doFinal(base.getBytes(StandardCharsets.UTF_8)))));
    }
}

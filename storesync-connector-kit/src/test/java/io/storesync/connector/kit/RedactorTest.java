package io.storesync.connector.kit;

import static org.assertj.core.api.Assertions.assertThat;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private final Redactor redactor = Redactor.defaults();

    @Test
    void masksSecretQueryValuesAndKeepsTheRest() {
        URI uri = URI.create("https://partner.example/api/v2/product/get_item_list?partner_id=2001887&timestamp=1655714431"
                + "&access_token=tok-SECRET&shop_id=123&sign=abcdef0123&refresh_token=rt-SECRET");

        String redacted = redactor.uri(uri);

        assertThat(redacted).isEqualTo("https://partner.example/api/v2/product/get_item_list?partner_id=2001887"
                + "&timestamp=1655714431&access_token=***&shop_id=123&sign=***&refresh_token=***");
    }

    @Test
    void dropsUserInfoFromUris() {
        assertThat(redactor.uri(URI.create("https://user:pa55@shop.example/x?a=1"))).isEqualTo("https://shop.example/x?a=1");
    }

    @Test
    void namesMatchCaseInsensitivelyAndEncoded() {
        assertThat(redactor.query("ACCESS_TOKEN=x&App_Secret=y&a%5Fb=1")).isEqualTo("ACCESS_TOKEN=***&App_Secret=***&a%5Fb=1");
        assertThat(redactor.query("access%5Ftoken=x")).isEqualTo("access%5Ftoken=***");
    }

    @Test
    void aMalformedEscapeInANameDoesNotThrow() {
        assertThat(redactor.query("a%ZZ=1&sign=x")).isEqualTo("a%ZZ=1&sign=***");
    }

    @Test
    void masksSecretHeaders() {
        Map<String, List<String>> headers = Map.of("Authorization", List.of("Bearer abc"), "x-tts-access-token",
                List.of("TTS-SECRET"), "Content-Type", List.of("application/json"));

        assertThat(redactor.headers(headers)).containsEntry("Authorization", List.of("***"))
                .containsEntry("x-tts-access-token", List.of("***"))
                .containsEntry("Content-Type", List.of("application/json"));
    }

    @Test
    void masksSecretsInFreeText() {
        String text = "Invalid access_token=tok-SECRET, sign: deadbeef; body {\"refresh_token\":\"rt-SECRET\","
                + "\"app_secret\" : \"s3\\\"cret\", \"shop_id\":123} Authorization: Bearer bear-SECRET";

        String redacted = redactor.text(text);

        assertThat(redacted).doesNotContain("tok-SECRET", "deadbeef", "rt-SECRET", "s3", "bear-SECRET")
                .contains("access_token=***", "\"refresh_token\":\"***\"", "\"shop_id\":123");
    }

    @Test
    void leavesLookalikeNamesAlone() {
        assertThat(redactor.text("design=blue&signal=3&item_sign_up=1")).isEqualTo("design=blue&signal=3&item_sign_up=1");
    }

    @Test
    void extraNamesAreAdded() {
        Redactor custom = redactor.with("X-Shop-Key");

        assertThat(custom.isSecret("x-shop-key")).isTrue();
        assertThat(custom.isSecret("access_token")).isTrue();
        assertThat(redactor.isSecret("x-shop-key")).isFalse();
    }
}

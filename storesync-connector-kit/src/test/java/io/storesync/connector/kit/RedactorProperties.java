package io.storesync.connector.kit;

import static org.assertj.core.api.Assertions.assertThat;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

class RedactorProperties {
    private final Redactor redactor = Redactor.defaults();

    @Provide
    Arbitrary<String> secretNames() {
        return Arbitraries.of("access_token", "refresh_token", "sign", "app_secret", "partner_key", "Authorization",
                "x-tts-access-token", "ACCESS_TOKEN");
    }

    @Property(tries = 300)
    void aSecretQueryValueNeverSurvivesRedaction(@ForAll("secretNames") String name,
            @ForAll @AlphaChars @NumericChars @StringLength(min = 6, max = 40) String secret,
            @ForAll @AlphaChars @StringLength(min = 1, max = 8) String otherName,
            @ForAll @NumericChars @StringLength(min = 1, max = 5) String otherValue) {
        String value = "S3" + secret;
        URI uri = URI.create("https://api.example/p?" + otherName + "=" + otherValue + "&" + name + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8) + "&page=1");

        String redacted = redactor.uri(uri);

        assertThat(redacted).doesNotContain(value).contains(name + "=***", "page=1");
        assertThat(redactor.text("failed: " + name + "=" + value + " and \"" + name + "\": \"" + value + "\""))
                .doesNotContain(value);
    }
}

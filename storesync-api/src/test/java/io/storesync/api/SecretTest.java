package io.storesync.api;

import static org.assertj.core.api.Assertions.assertThat;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A secret's hash code is no fingerprint of it; equality still holds. */
class SecretTest {

    @Test
    void theHashCodeDoesNotDependOnTheSecret() {
        Set<Integer> hashes = new HashSet<>();
        for (int i = 0; i < 1000; i++) hashes.add(Secret.of("token-" + i).hashCode());
        assertThat(hashes).as("1000 different secrets, one hash code").hasSize(1);
    }

    @Test
    void equalSecretsAreEqualWithEqualHashCodes() {
        assertThat(Secret.of("s3cret")).isEqualTo(Secret.of("s3cret")).hasSameHashCodeAs(Secret.of("s3cret"));
        assertThat(Secret.of("s3cret")).isNotEqualTo(Secret.of("other")).hasToString("Secret[redacted]");
    }
}

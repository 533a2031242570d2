package io.storesync.connector.kit;

import static org.assertj.core.api.Assertions.assertThat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.Size;

class HmacSha256Properties {

    @Property(tries = 300)
    void everySingleByteChangeIsRejected(@ForAll @NotEmpty @Size(max = 200) byte[] message,
            @ForAll @NotEmpty @Size(max = 64) byte[] key, @ForAll @IntRange(min = 0, max = 199) int position,
            @ForAll @IntRange(min = 1, max = 255) int flip) {
        HmacSha256 mac = HmacSha256.withKey(key);
        String hex = mac.hex(message);
        String base64 = mac.base64(message);
        byte[] tampered = message.clone();
        tampered[position % tampered.length] ^= (byte) flip;

        assertThat(mac.verifyHex(message, hex)).isTrue();
        assertThat(mac.verifyBase64(message, base64)).isTrue();
        assertThat(mac.verifyHex(tampered, hex)).isFalse();
        assertThat(mac.verifyBase64(tampered, base64)).isFalse();
    }
}

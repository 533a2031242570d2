package io.storesync.connector.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HmacSha256Test {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
    private static final String RFC4231_HEX = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    private static final byte[] DATA = "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8);
    private final HmacSha256 mac = HmacSha256.withUtf8Key("Jefe");

    @Test
    void hexMatchesRfc4231InLowerCase() {
        assertThat(mac.hex(DATA)).isEqualTo(RFC4231_HEX);
        assertThat(mac.hex("what do ya want for nothing?")).isEqualTo(RFC4231_HEX);
    }

    @Test
    void base64MatchesRfc4231() {
        assertThat(mac.base64(DATA)).isEqualTo("W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");
    }

    @Test
    void verifiesItsOwnSignaturesInEitherHexCaseAndBase64() {
        assertThat(mac.verifyHex(DATA, RFC4231_HEX)).isTrue();
        assertThat(mac.verifyHex(DATA, RFC4231_HEX.toUpperCase())).isTrue();
        assertThat(mac.verifyBase64(DATA, mac.base64(DATA))).isTrue();
    }

    @Test
    void rejectsAOneByteChangeInTheMessage() {
        byte[] tampered = DATA.clone();
        tampered[7] ^= 0x01;

        assertThat(mac.verifyHex(tampered, RFC4231_HEX)).isFalse();
        assertThat(mac.verifyBase64(tampered, mac.base64(DATA))).isFalse();
    }

    @Test
    void rejectsAOneDigitChangeInTheSignature() {
        String wrong = RFC4231_HEX.substring(0, 63) + (RFC4231_HEX.endsWith("3") ? "4" : "3");

        assertThat(mac.verifyHex(DATA, wrong)).isFalse();
    }

    @Test
    void rejectsMalformedAndTruncatedSignaturesWithoutThrowing() {
        assertThat(mac.verifyHex(DATA, "not hex at all")).isFalse();
        assertThat(mac.verifyHex(DATA, RFC4231_HEX.substring(0, 62))).isFalse();
        assertThat(mac.verifyHex(DATA, "")).isFalse();
        assertThat(mac.verifyBase64(DATA, "%%%")).isFalse();
    }

    @Test
    void anotherKeyGivesAnotherSignature() {
        assertThat(HmacSha256.withUtf8Key("Jeff").verifyHex(DATA, RFC4231_HEX)).isFalse();
    }

    @Test
    void keepsLeadingZeroNibbles() {
        // Shopee's refresh demo used String.format("%032x", BigInteger) and lost leading zeros 1 time in 16
        for (int i = 0; i < 200; i++) {
            assertThat(mac.hex("message " + i)).hasSize(64).matches("[0-9a-f]{64}");
        }
    }

    @Test
    void constantTimeEqualsComparesContent() {
        assertThat(HmacSha256.constantTimeEquals("abc", new String("abc"))).isTrue();
        assertThat(HmacSha256.constantTimeEquals("abc", "abd")).isFalse();
        assertThat(HmacSha256.constantTimeEquals(new byte[] {1, 2}, new byte[] {1, 2, 3})).isFalse();
    }

    @Test
    void neverShowsItsKeyAndRefusesAnEmptyOne() {
        assertThat(HmacSha256.withUtf8Key("partner-SECRET").toString()).doesNotContain("SECRET");
        assertThatThrownBy(() -> HmacSha256.withKey(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}

package io.storesync.connector.kit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 with one key, as marketplaces use it for request signing and webhook verification: lower-case hex
 * (Shopee, TikTok Shop) or base64 (Standard Webhooks). Verification compares in constant time with
 * {@link MessageDigest#isEqual}; never compare signatures with {@code String.equals}. Immutable and thread-safe;
 * {@code toString()} never shows the key.
 */
public final class HmacSha256 {
    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    private HmacSha256(byte[] key) {
        if (key.length == 0) throw new IllegalArgumentException("HMAC key is empty");
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** A MAC keyed with these bytes (copied). */
    public static HmacSha256 withKey(byte[] key) {
        return new HmacSha256(Objects.requireNonNull(key, "key").clone());
    }

    /** A MAC keyed with the UTF-8 bytes of a secret, as Shopee's partner key and TikTok Shop's app secret are used. */
    public static HmacSha256 withUtf8Key(String key) {
        return new HmacSha256(Objects.requireNonNull(key, "key").getBytes(StandardCharsets.UTF_8));
    }

    /** The raw 32-byte MAC of a message. */
    public byte[] sign(byte[] message) {
        Objects.requireNonNull(message, "message");
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }

    /** The MAC of a message as 64 lower-case hex digits (leading zeros kept). */
    public String hex(byte[] message) {
        return HexFormat.of().formatHex(sign(message));
    }

    /** The MAC of a string's UTF-8 bytes as lower-case hex. */
    public String hex(String message) {
        return hex(message.getBytes(StandardCharsets.UTF_8));
    }

    /** The MAC of a message in standard base64 with padding. */
    public String base64(byte[] message) {
        return Base64.getEncoder().encodeToString(sign(message));
    }

    /**
     * Whether {@code signatureHex} (either case) is the MAC of {@code message}; compared in constant time. Malformed
     * hex is simply a mismatch.
     */
    public boolean verifyHex(byte[] message, String signatureHex) {
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signatureHex.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sign(message), given);
    }

    /** Whether {@code signatureBase64} is the MAC of {@code message}; compared in constant time. */
    public boolean verifyBase64(byte[] message, String signatureBase64) {
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signatureBase64.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sign(message), given);
    }

    /** Constant-time equality of two byte strings (their length is not hidden). */
    public static boolean constantTimeEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    /** Constant-time equality of two strings' UTF-8 bytes, for tokens and signatures compared as text. */
    public static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "HmacSha256[key=" + Redactor.MASK + "]";
    }
}

package io.storesync.testkit.simulator;

import java.util.List;
import java.util.Map;

/** A webhook as a simulator sends it: headers and the exact body bytes that were signed. */
public record SignedDelivery(Map<String, List<String>> headers, byte[] body) {
    public SignedDelivery {
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    /** A copy of the body. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The same headers over a body with its last byte changed: what an attacker who cannot sign would send. */
    public SignedDelivery tampered() {
        byte[] copy = body.clone();
        copy[copy.length - 1] ^= 0x01;
        return new SignedDelivery(headers, copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedDelivery d && d.headers.equals(headers) && java.util.Arrays.equals(d.body, body);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "SignedDelivery[headers=" + headers.keySet() + ", body=" + body.length + " bytes]";
    }
}

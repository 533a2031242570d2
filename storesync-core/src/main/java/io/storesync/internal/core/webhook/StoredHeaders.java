package io.storesync.internal.core.webhook;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which request headers a stored delivery keeps: those the connector declares, minus anything that can carry a
 * credential. Stored events live until purged and are read by people, so a header is kept only when it is useful and
 * known to be harmless; the host's gateway and session headers are never among them.
 */
final class StoredHeaders {
    /** Names (lower case) never stored, whatever a connector declares: they carry the host's or a caller's secrets. */
    private static final Set<String> NEVER = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie",
            "x-api-key", "api-key", "x-functions-key", "ocp-apim-subscription-key", "x-amz-security-token",
            "x-forwarded-authorization", "x-csrf-token", "x-xsrf-token");
    /** Fragments of names that suggest a credential (gateway keys come under many names). */
    private static final Pattern SECRET_LIKE = Pattern.compile("auth|token|secret|passw|api-?key|session|cookie");

    private StoredHeaders() {}

    /** The headers of {@code headers} named in {@code declared} (case-insensitively) that may be stored. */
    static Map<String, List<String>> keep(Map<String, List<String>> headers, Set<String> declared) {
        Map<String, List<String>> kept = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Set<String> wanted = new java.util.HashSet<>();
        for (String name : declared) wanted.add(name.toLowerCase(Locale.ROOT));
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (wanted.contains(lower) && storable(lower)) kept.put(lower, values);
        });
        return Collections.unmodifiableMap(kept);
    }

    /** Whether a header with this (lower-case) name may ever be stored. */
    static boolean storable(String lowerCaseName) {
        return !NEVER.contains(lowerCaseName) && !SECRET_LIKE.matcher(lowerCaseName).find();
    }
}

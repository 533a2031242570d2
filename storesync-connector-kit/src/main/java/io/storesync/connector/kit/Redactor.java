package io.storesync.connector.kit;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Removes secrets (tokens, signatures, keys) from URLs, headers and free text before they reach a log line or an
 * exception message. Names are matched case-insensitively; values are replaced by {@value #MASK}. Immutable and
 * thread-safe.
 */
public final class Redactor {
    /** What a secret value is replaced with. */
    public static final String MASK = "***";

    private static final Set<String> DEFAULT_NAMES = Set.of("access_token", "refresh_token", "sign", "signature",
            "app_secret", "client_secret", "partner_key", "auth_code", "password", "api_key", "apikey",
            "authorization", "proxy-authorization", "x-tts-access-token", "x-api-key", "cookie", "set-cookie",
            "webhook-signature", "x-shopify-hmac-sha256", "x-wc-webhook-signature");

    private static final Redactor DEFAULTS = new Redactor(DEFAULT_NAMES);

    private final Set<String> names;
    private final Pattern textPattern;

    private Redactor(Set<String> names) {
        TreeSet<String> sorted = new TreeSet<>();
        names.forEach(n -> sorted.add(n.toLowerCase(Locale.ROOT)));
        this.names = Set.copyOf(sorted);
        String alternatives = sorted.stream().sorted((a, b) -> b.length() - a.length()).map(Pattern::quote)
                .collect(Collectors.joining("|"));
        // name=value (query strings, form bodies), "name":"value" or "name":123 (JSON), name: value (header dumps)
        this.textPattern = Pattern.compile("(?i)(?<![A-Za-z0-9_-])(\"?(?:" + alternatives + ")\"?)(\\s*[=:]\\s*)"
                + "(\"(?:[^\"\\\\]|\\\\.)*\"|(?:Bearer\\s+|Basic\\s+)?[^&\\s,;\"}]+)");
    }

    /** Redacts the standard names: OAuth tokens, Shopee/TikTok Shop signing parameters, auth headers, cookies. */
    public static Redactor defaults() {
        return DEFAULTS;
    }

    /** A redactor that also hides the given parameter or header names. */
    public Redactor with(String... extraNames) {
        Set<String> all = new TreeSet<>(names);
        for (String n : extraNames) all.add(Objects.requireNonNull(n, "name").toLowerCase(Locale.ROOT));
        return new Redactor(all);
    }

    /** Whether a query parameter, JSON field or header of this name carries a secret. */
    public boolean isSecret(String name) {
        return names.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The URI with the value of every secret query parameter masked; user-info is dropped. */
    public String uri(URI uri) {
        StringBuilder s = new StringBuilder();
        if (uri.getScheme() != null) s.append(uri.getScheme()).append("://");
        if (uri.getRawAuthority() != null) {
            String authority = uri.getRawAuthority();
            int at = authority.lastIndexOf('@');
            s.append(at >= 0 ? authority.substring(at + 1) : authority);
        }
        if (uri.getRawPath() != null) s.append(uri.getRawPath());
        if (uri.getRawQuery() != null) s.append('?').append(query(uri.getRawQuery()));
        return s.toString();
    }

    /** A raw query string ({@code a=1&access_token=x}) with secret values masked. */
    public String query(String rawQuery) {
        StringBuilder s = new StringBuilder(rawQuery.length());
        for (String pair : rawQuery.split("&", -1)) {
            if (s.length() > 0) s.append('&');
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (eq >= 0 && isSecret(decode(name))) {
                s.append(name).append('=').append(MASK);
            } else {
                s.append(pair);
            }
        }
        return s.toString();
    }

    private static String decode(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            return name;
        }
    }

    /** A copy of the headers with the values of secret headers masked. */
    public Map<String, List<String>> headers(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> out.put(name, isSecret(name) ? List.of(MASK) : List.copyOf(values)));
        return out;
    }

    /**
     * Free text (a platform's error message, an echoed body) with every {@code name=value}, {@code name: value} and
     * JSON {@code "name":"value"} of a secret name masked.
     */
    public String text(String text) {
        Matcher m = textPattern.matcher(text);
        StringBuilder s = new StringBuilder(text.length());
        while (m.find()) {
            String value = m.group(3);
            String masked = value.startsWith("\"") ? "\"" + MASK + "\"" : MASK;
            m.appendReplacement(s, Matcher.quoteReplacement(m.group(1) + m.group(2) + masked));
        }
        m.appendTail(s);
        return s.toString();
    }

    @Override
    public String toString() {
        return "Redactor" + names;
    }
}

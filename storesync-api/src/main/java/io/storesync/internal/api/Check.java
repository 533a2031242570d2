package io.storesync.internal.api;

import io.storesync.api.ValidationException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Validation used by the value records; every failure is a {@link ValidationException} naming the field. */
public final class Check {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private Check() {}

    public static <T> T present(@Nullable T value, String field) {
        if (value == null) throw new ValidationException(field + " is required");
        return value;
    }

    public static String text(@Nullable String value, String field, int maxLength) {
        present(value, field);
        if (value.isBlank()) throw new ValidationException(field + " must not be blank");
        return optionalText(value, field, maxLength);
    }

    /**
     * Optional text of at most {@code maxLength} characters that PostgreSQL can store: every text that reaches the
     * database passes here or {@link #storableText}, so U+0000 and half a surrogate pair are refused at the API
     * boundary instead of coming back from the driver as an internal error.
     */
    public static @Nullable String optionalText(@Nullable String value, String field, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw new ValidationException(field + " must be at most " + maxLength + " characters, got " + value.length());
        }
        return storableCharacters(value, field);
    }

    public static String slug(@Nullable String value) {
        text(value, "slug", 100);
        if (!SLUG.matcher(value).matches()) {
            throw new ValidationException("slug must be lower-case letters, digits and inner hyphens, got " + quote(value));
        }
        return value;
    }

    public static String email(@Nullable String value) {
        text(value, "email", 255);
        if (!EMAIL.matcher(value).matches()) throw new ValidationException("email is not an address: " + quote(value));
        return value;
    }

    public static String currency(@Nullable String value) {
        present(value, "currency");
        if (!CURRENCY.matcher(value).matches()) {
            throw new ValidationException("currency must be a 3-letter ISO 4217 code in upper case, got " + quote(value));
        }
        return value;
    }

    /** Money and measures as the schema stores them: DECIMAL(precision, scale), never negative. */
    public static @Nullable BigDecimal nonNegativeDecimal(@Nullable BigDecimal value, String field, int precision, int scale) {
        if (value == null) return null;
        if (value.signum() < 0) throw new ValidationException(field + " must not be negative, got " + number(value));
        if (value.scale() > scale) {
            throw new ValidationException(field + " has at most " + scale + " decimal places, got " + number(value));
        }
        if (tooManyWholeDigits(value, precision, scale)) {
            throw new ValidationException(field + " is too large (at most " + (precision - scale)
                    + " digits before the decimal point): " + number(value));
        }
        return value;
    }

    public static int nonNegative(int value, String field) {
        if (value < 0) throw new ValidationException(field + " must not be negative, got " + value);
        return value;
    }

    public static int positive(int value, String field) {
        if (value <= 0) throw new ValidationException(field + " must be positive, got " + value);
        return value;
    }

    /**
     * A code such as a SKU: required, at most {@code maxLength} characters, and without leading or trailing
     * whitespace, because " A1" and "A1" would otherwise be two SKUs that look the same to a seller.
     */
    public static String code(@Nullable String value, String field, int maxLength) {
        storableText(value, field, maxLength);
        present(value, field);
        if (value.isBlank()) throw new ValidationException(field + " must not be blank");
        if (!value.strip().equals(value)) {
            throw new ValidationException(field + " must not start or end with spaces, got " + quote(value));
        }
        return value;
    }

    /** Required text PostgreSQL can store: not blank, at most {@code maxLength} characters, no NUL character. */
    public static String storableRequired(@Nullable String value, String field, int maxLength) {
        text(value, field, maxLength);
        return storableText(value, field, Integer.MAX_VALUE);
    }

    /**
     * Optional text PostgreSQL can store: PostgreSQL's text types refuse the NUL character, and half a surrogate pair
     * is no character at all (the driver would store it as '?'), so both are refused here, naming where they are.
     */
    public static @Nullable String storableText(@Nullable String value, String field, int maxLength) {
        return optionalText(value, field, maxLength);
    }

    private static @Nullable String storableCharacters(@Nullable String value, String field) {
        if (value == null) return null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                throw new ValidationException(field + " must not contain the NUL character (\\u0000), found at index " + i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new ValidationException(field + " must not contain half a surrogate pair, found at index " + i);
            }
        }
        return value;
    }

    /** How much of a refused value a message quotes: enough to find it, never an unbounded input. */
    static final int QUOTED = 40;

    /** {@code value} for a message, cut to {@value #QUOTED} characters with an ellipsis and its length when longer. */
    /** Whether {@code value} has more digits before the decimal point than a (precision, scale) column holds. */
    private static boolean tooManyWholeDigits(BigDecimal value, int precision, int scale) {
        return value.signum() != 0 && (long) value.precision() - value.scale() > precision - scale;
    }

    /**
     * A number for a message, never longer than a few dozen characters: {@code toString} of a value such as
     * {@code 1E+10000000} at scale 2 would print ten million digits.
     */
    static String number(BigDecimal value) {
        if (value.precision() <= QUOTED && Math.abs((long) value.scale()) <= QUOTED) return quote(value.toString());
        return "a number of " + value.precision() + " digit(s) and scale " + value.scale();
    }

    public static String quote(@Nullable Object value) {
        String s = String.valueOf(value);
        return s.length() <= QUOTED ? "'" + s + "'" : "'" + s.substring(0, QUOTED) + "...' (" + s.length() + " characters)";
    }

    /** A count of units between 0 and {@code max} inclusive. */
    public static int quantity(int value, String field, int max) {
        if (value < 0 || value > max) {
            throw new ValidationException(field + " must be between 0 and " + max + ", got " + value);
        }
        return value;
    }

    /** The earliest time StoreSync stores: no platform has orders or events before 1970. */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    /** The latest time StoreSync stores: four-digit years, as every platform and report format assumes. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /**
     * A time between {@link #EARLIEST} and {@link #LATEST}, truncated to microseconds: PostgreSQL keeps microseconds,
     * so a value carrying nanoseconds would come back different from what was given (and a redelivery of it would
     * not compare equal to what was stored).
     */
    public static Instant instant(@Nullable Instant value, String field) {
        present(value, field);
        if (value.isBefore(EARLIEST) || value.isAfter(LATEST)) {
            throw new ValidationException(field + " must be between " + EARLIEST + " and " + LATEST + ", got " + quote(value));
        }
        return value.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * An amount stored as DECIMAL(precision, scale): non-negative, and normalised to {@code scale} decimal places
     * when that loses nothing, so that 10.500 is accepted as 10.50 but 10.505 is refused rather than rounded.
     */
    public static @Nullable BigDecimal decimal(@Nullable BigDecimal value, String field, int precision, int scale) {
        if (value == null) return null;
        // bounds first, from precision and scale alone: setScale on 1E+10000000 (or 1E-10000000) multiplies (or
        // divides) by a ten-million-digit power of ten before anything could refuse it
        if (value.signum() < 0) throw new ValidationException(field + " must not be negative, got " + number(value));
        if (value.signum() == 0) return nonNegativeDecimal(BigDecimal.ZERO.setScale(scale), field, precision, scale);
        if (tooManyWholeDigits(value, precision, scale)) {
            throw new ValidationException(field + " is too large (at most " + (precision - scale)
                    + " digits before the decimal point): " + number(value));
        }
        // exact at the target scale needs at least (value.scale() - scale) trailing zeros, which precision bounds
        if ((long) value.scale() - scale > value.precision()) {
            throw new ValidationException(field + " has at most " + scale + " decimal places, got " + number(value));
        }
        BigDecimal normalised;
        try {
            normalised = value.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new ValidationException(field + " has at most " + scale + " decimal places, got " + number(value));
        }
        return nonNegativeDecimal(normalised, field, precision, scale);
    }

    /** A JSON object: string keys, values that are JSON (text, number, boolean, null, list, object). */
    public static Map<String, @Nullable Object> jsonObject(@Nullable Map<String, ?> value, String field) {
        present(value, field);
        return Collections.unmodifiableMap(copyObject(value, field));
    }

    /** A JSON array of text, such as image URLs. */
    public static List<String> textList(@Nullable List<String> value, String field) {
        present(value, field);
        for (int i = 0; i < value.size(); i++) {
            storableText(present(value.get(i), field + "[" + i + "]"), field + "[" + i + "]", Integer.MAX_VALUE);
        }
        return List.copyOf(value);
    }

    private static LinkedHashMap<String, @Nullable Object> copyObject(Map<?, ?> value, String field) {
        LinkedHashMap<String, @Nullable Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : value.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new ValidationException(field + " keys must be text, got " + quote(e.getKey()));
            }
            storableText(key, field + " key", Integer.MAX_VALUE);
            copy.put(key, jsonValue(e.getValue(), field + "." + key));
        }
        return copy;
    }

    private static @Nullable Object jsonValue(@Nullable Object value, String field) {
        if ((value instanceof Double d && !Double.isFinite(d)) || (value instanceof Float f && !Float.isFinite(f))) {
            throw new ValidationException(field + " must be a finite number to be stored as JSON, got " + quote(value));
        }
        if (value == null || value instanceof Boolean || value instanceof Number) return value;
        if (value instanceof String s) return storableText(s, field, Integer.MAX_VALUE);
        if (value instanceof Map<?, ?> m) return Collections.unmodifiableMap(copyObject(m, field));
        if (value instanceof List<?> l) {
            List<@Nullable Object> copy = new java.util.ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++) copy.add(jsonValue(l.get(i), field + "[" + i + "]"));
            return Collections.unmodifiableList(copy);
        }
        throw new ValidationException(field + " must be text, a number, a boolean, a list or a map to be stored as JSON,"
                + " got a " + value.getClass().getSimpleName());
    }
}

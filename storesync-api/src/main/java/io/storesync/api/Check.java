package io.storesync.api;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Validation used by the value records; every failure is a {@link ValidationException} naming the field. */
final class Check {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private Check() {}

    static <T> T present(@Nullable T value, String field) {
        if (value == null) throw new ValidationException(field + " is required");
        return value;
    }

    static String text(@Nullable String value, String field, int maxLength) {
        present(value, field);
        if (value.isBlank()) throw new ValidationException(field + " must not be blank");
        return optionalText(value, field, maxLength);
    }

    static @Nullable String optionalText(@Nullable String value, String field, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw new ValidationException(field + " must be at most " + maxLength + " characters, got " + value.length());
        }
        return value;
    }

    static String slug(@Nullable String value) {
        text(value, "slug", 100);
        if (!SLUG.matcher(value).matches()) {
            throw new ValidationException("slug must be lower-case letters, digits and inner hyphens, got '" + value + "'");
        }
        return value;
    }

    static String email(@Nullable String value) {
        text(value, "email", 255);
        if (!EMAIL.matcher(value).matches()) throw new ValidationException("email is not an address: '" + value + "'");
        return value;
    }

    static String currency(@Nullable String value) {
        present(value, "currency");
        if (!CURRENCY.matcher(value).matches()) {
            throw new ValidationException("currency must be a 3-letter ISO 4217 code in upper case, got '" + value + "'");
        }
        return value;
    }

    /** Money and measures as the schema stores them: DECIMAL(precision, scale), never negative. */
    static @Nullable BigDecimal nonNegativeDecimal(@Nullable BigDecimal value, String field, int precision, int scale) {
        if (value == null) return null;
        if (value.signum() < 0) throw new ValidationException(field + " must not be negative, got " + value.toPlainString());
        if (value.scale() > scale) {
            throw new ValidationException(field + " has at most " + scale + " decimal places, got " + value.toPlainString());
        }
        if (value.precision() - value.scale() > precision - scale) {
            throw new ValidationException(field + " is too large: " + value.toPlainString());
        }
        return value;
    }

    static int nonNegative(int value, String field) {
        if (value < 0) throw new ValidationException(field + " must not be negative, got " + value);
        return value;
    }

    static int positive(int value, String field) {
        if (value <= 0) throw new ValidationException(field + " must be positive, got " + value);
        return value;
    }
}

package io.storesync.api.compliance;

import io.storesync.api.ValidationException;
import io.storesync.internal.api.Check;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds a buyer (a data subject) by any of their identifiers; an order is the buyer's when any value in its customer
 * details equals one of these (case-insensitive). {@code toString()} names no value: they are personal data.
 *
 * @param email the buyer's email address
 * @param phone the buyer's phone number, as the platform reports it
 * @param platformBuyerId the buyer's id or user name on a platform
 */
public record BuyerQuery(@Nullable String email, @Nullable String phone, @Nullable String platformBuyerId) {
    public BuyerQuery {
        Check.optionalText(email, "email", 255);
        Check.optionalText(phone, "phone", 100);
        Check.optionalText(platformBuyerId, "platformBuyerId", 255);
        if (values(email, phone, platformBuyerId).isEmpty()) {
            throw new ValidationException("a buyer query needs an email, a phone or a platform buyer id (at least 3 characters)");
        }
    }

    /** A query by email. */
    public static BuyerQuery email(String email) {
        return new BuyerQuery(email, null, null);
    }

    /** The identifiers given, trimmed and lower-cased. */
    public List<String> values() {
        return values(email, phone, platformBuyerId);
    }

    private static List<String> values(@Nullable String... vs) {
        List<String> out = new ArrayList<>();
        for (String v : vs) {
            if (v != null && v.strip().length() >= 3) out.add(v.strip().toLowerCase(java.util.Locale.ROOT));
        }
        return out;
    }

    @Override
    public String toString() {
        return "BuyerQuery[" + (email != null ? "email " : "") + (phone != null ? "phone " : "")
                + (platformBuyerId != null ? "platformBuyerId" : "") + "]";
    }
}

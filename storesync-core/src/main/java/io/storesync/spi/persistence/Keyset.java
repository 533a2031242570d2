package io.storesync.spi.persistence;

import io.storesync.api.Page;
import io.storesync.api.PageRequest;
import io.storesync.api.ValidationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The page cursors of keyset paging, for persistence implementations: a cursor holds the name of its listing and
 * the sort key of the last row returned, so the next page is read {@code WHERE (key) > (cursor key)} in the
 * listing's order instead of after an offset that concurrent inserts shift. The encoding is private to StoreSync
 * and carries no compatibility promise beyond one version; a cursor from another listing or that does not decode is a
 * {@link ValidationException}. Immutable and thread-safe.
 *
 * @param listing the listing's name, checked against the cursor's
 */
public record Keyset(String listing) {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /**
     * The sort key the request continues after, as the strings {@link #page} encoded; empty for a first page.
     *
     * @throws ValidationException when the cursor is not one this listing wrote with {@code arity} keys
     */
    public Optional<List<String>> after(PageRequest request, int arity) {
        String cursor = request.after();
        if (cursor == null) return Optional.empty();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Base64.getUrlDecoder().decode(cursor)))) {
            if (!listing.equals(in.readUTF()) || in.readUnsignedByte() != arity) throw refused();
            List<String> keys = new ArrayList<>(arity);
            for (int i = 0; i < arity; i++) keys.add(in.readUTF());
            if (in.available() != 0) throw refused();
            return Optional.of(keys);
        } catch (IOException | IllegalArgumentException e) {
            throw refused();
        }
    }

    /**
     * The page from rows read with {@code LIMIT size + 1}: the extra row, if any, only says that a next page exists,
     * and the cursor names the last row kept.
     *
     * @param key the sort key of a row, as strings the query can bind back
     * @param total counts all the matches; called only when the request asks for the total
     */
    public <R, T> Page<T> page(PageRequest request, List<R> rows, Function<R, List<String>> key, Function<R, T> item,
            LongSupplier total) {
        boolean more = rows.size() > request.size();
        List<R> kept = more ? rows.subList(0, request.size()) : rows;
        Optional<String> next = more ? Optional.of(encode(key.apply(kept.get(kept.size() - 1)))) : Optional.empty();
        OptionalLong counted = request.countTotal() ? OptionalLong.of(total.getAsLong()) : OptionalLong.empty();
        return new Page<>(kept.stream().map(item).toList(), request, next, counted);
    }

    /** A key that {@link #page} wrote from an {@link Instant}; a forged one is a {@link ValidationException}. */
    public Instant instant(String key) {
        try {
            return Instant.parse(key);
        } catch (DateTimeParseException e) {
            throw refused();
        }
    }

    /** A key that {@link #page} wrote from a {@link UUID}; a forged one is a {@link ValidationException}. */
    public UUID uuid(String key) {
        try {
            return UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            throw refused();
        }
    }

    /** A key that {@link #page} wrote from a {@code float}; a forged one is a {@link ValidationException}. */
    public float real(String key) {
        try {
            return Float.parseFloat(key);
        } catch (NumberFormatException e) {
            throw refused();
        }
    }

    private String encode(List<String> keys) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(listing);
            out.writeByte(keys.size());
            for (String k : keys) out.writeUTF(k);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ENCODER.encodeToString(bytes.toByteArray());
    }

    private ValidationException refused() {
        return new ValidationException("after is not a page cursor StoreSync returned for the " + listing + " listing");
    }
}

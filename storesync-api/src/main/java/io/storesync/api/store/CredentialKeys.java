package io.storesync.api.store;

import io.storesync.api.NotFoundException;
import io.storesync.api.Secret;
import io.storesync.api.ValidationException;
import io.storesync.internal.api.Check;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The AES keys that encrypt store credentials, by key id, and the id of the key new encryptions use. Older keys stay
 * listed so that credentials written with them can still be read (key rotation: add a key, make it current, and
 * credentials are re-encrypted with it whenever they are next written). Keys are 16, 24 or 32 bytes.
 *
 * <p>{@link #toString()} lists key ids only.
 */
public final class CredentialKeys {
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private final String currentKeyId;
    private final Map<String, Secret> keys;

    private CredentialKeys(String currentKeyId, Map<String, Secret> keys) {
        this.currentKeyId = currentKeyId;
        this.keys = keys;
    }

    /**
     * @param currentKeyId the key new encryptions use; must be among {@code keys}
     * @param keys every key still needed for reading, by id
     * @throws ValidationException when an id is malformed, a key has the wrong length or the current key is missing
     */
    public static CredentialKeys of(String currentKeyId, Map<String, Secret> keys) {
        Check.present(keys, "keys");
        Map<String, Secret> copy = new LinkedHashMap<>();
        keys.forEach((id, key) -> {
            if (id == null || !KEY_ID.matcher(id).matches()) {
                throw new ValidationException("a credential key id must be 1 to 64 letters, digits, '.', '_' or '-'");
            }
            int length = Check.present(key, "key " + id).revealBytes().length;
            if (length != 16 && length != 24 && length != 32) {
                throw new ValidationException("credential key " + id + " must be 16, 24 or 32 bytes, got " + length);
            }
            copy.put(id, key);
        });
        Check.text(currentKeyId, "currentKeyId", 64);
        if (!copy.containsKey(currentKeyId)) {
            throw new ValidationException("the current credential key " + currentKeyId + " is not among the keys " + copy.keySet());
        }
        return new CredentialKeys(currentKeyId, Map.copyOf(copy));
    }

    /** One key, current. */
    public static CredentialKeys single(String keyId, Secret key) {
        return of(keyId, Map.of(keyId, key));
    }

    /** The id of the key new encryptions use. */
    public String currentKeyId() {
        return currentKeyId;
    }

    /** Every key id. */
    public Set<String> keyIds() {
        return keys.keySet();
    }

    /** The key with this id; an unknown id is a {@link NotFoundException}. */
    public Secret key(String keyId) {
        Secret key = keys.get(keyId);
        if (key == null) throw new NotFoundException("no credential key with id " + keyId);
        return key;
    }

    @Override
    public String toString() {
        return "CredentialKeys[current=" + currentKeyId + ", ids=" + keys.keySet() + "]";
    }
}

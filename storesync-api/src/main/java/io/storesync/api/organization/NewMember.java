package io.storesync.api.organization;

import io.storesync.internal.api.Check;
import org.jspecify.annotations.Nullable;

/** A user joining an organization: id from the host's identity provider, email unique across StoreSync, role. */
public record NewMember(UserId id, String email, @Nullable String fullName, Role role) {
    public NewMember {
        Check.present(id, "id");
        Check.email(email);
        Check.optionalText(fullName, "fullName", 255);
        Check.present(role, "role");
    }
}

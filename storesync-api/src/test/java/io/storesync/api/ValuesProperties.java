package io.storesync.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.InsufficientStockException;
import io.storesync.api.organization.NewMember;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.organization.Role;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.StoreId;
import io.storesync.internal.api.Check;
import java.math.BigDecimal;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** The value types accept what the schema accepts and refuse the rest with a typed error. */
class ValuesProperties {

    @Property
    void idsRoundTripThroughText(@ForAll("uuids") UUID uuid) {
        assertThat(OrganizationId.of(new OrganizationId(uuid).toString()).value()).isEqualTo(uuid);
        assertThat(VariantId.of(uuid.toString())).isEqualTo(new VariantId(uuid));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<UUID> uuids() {
        return net.jqwik.api.Arbitraries.create(UUID::randomUUID);
    }

    @Property
    void idsRejectTextThatIsNotAUuid(@ForAll @AlphaChars @StringLength(max = 40) String text) {
        assertThatThrownBy(() -> StoreId.of(text)).isInstanceOf(ValidationException.class).hasMessageContaining("StoreId");
    }

    @Property
    void pageRequestsAcceptOnlySensibleBounds(@ForAll @IntRange(min = -5, max = 2000) int size) {
        boolean valid = size >= 1 && size <= PageRequest.MAX_SIZE;
        if (valid) {
            PageRequest request = PageRequest.first(size);
            assertThat(request.after()).isNull();
            assertThat(request.countTotal()).isFalse();
            assertThat(request.withTotal().countTotal()).isTrue();
            assertThat(request.after("AbC_-9").size()).isEqualTo(size);
        } else {
            assertThatThrownBy(() -> PageRequest.first(size)).isInstanceOf(ValidationException.class);
        }
    }

    @Property
    void pageCursorsAreOnlyUrlSafeTokensOfBoundedLength(@ForAll @StringLength(max = 3000) String cursor) {
        boolean valid = !cursor.isEmpty() && cursor.length() <= PageRequest.MAX_CURSOR_LENGTH
                && cursor.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-'));
        if (valid) {
            assertThat(PageRequest.first(10).after(cursor).after()).isEqualTo(cursor);
        } else {
            assertThatThrownBy(() -> PageRequest.first(10).after(cursor)).isInstanceOf(ValidationException.class);
        }
    }

    @Property
    void slugsAreLowerCaseWordsJoinedByHyphens(@ForAll @StringLength(min = 0, max = 120) String slug) {
        boolean valid = slug.matches("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?") && slug.length() <= 100;
        UserId owner = UserId.random();
        if (valid) {
            assertThat(NewOrganization.of("Shop", slug, owner, "a@b.co", null).slug()).isEqualTo(slug);
        } else {
            assertThatThrownBy(() -> NewOrganization.of("Shop", slug, owner, "a@b.co", null))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("slug");
        }
    }

    @Property
    void namesLongerThanTheColumnAreRefused(@ForAll @IntRange(min = 1, max = 400) int length) {
        String name = "n".repeat(length);
        if (length <= 255) {
            assertThat(new NewOrganization(name, "shop", new NewMember(UserId.random(), "a@b.co", null, Role.OWNER)).name())
                    .hasSize(length);
        } else {
            assertThatThrownBy(() -> new NewOrganization(name, "shop", new NewMember(UserId.random(), "a@b.co", null, Role.OWNER)))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("at most 255");
        }
    }

    @Property
    void rolesRankAsDocumented(@ForAll Role role) {
        assertThat(role.canWrite()).isEqualTo(role != Role.VIEWER);
        assertThat(role.canAdminister()).isEqualTo(role == Role.OWNER || role == Role.ADMIN);
    }

    @Property
    void moneyKeepsTheSchemasPrecisionAndSign(@ForAll @IntRange(min = -1000, max = 1000) int cents, @ForAll @IntRange(min = 0, max = 4) int scale) {
        BigDecimal value = BigDecimal.valueOf(cents).movePointLeft(scale);
        boolean valid = cents >= 0 && value.scale() <= 2;
        if (valid) {
            assertThat(Check.nonNegativeDecimal(value, "price", 12, 2)).isEqualTo(value);
        } else {
            assertThatThrownBy(() -> Check.nonNegativeDecimal(value, "price", 12, 2)).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("price");
        }
    }

    @Property
    void secretsNeverShowInText(@ForAll @StringLength(min = 1, max = 64) String value) {
        Secret secret = Secret.of(value);
        assertThat(secret.toString()).isEqualTo("Secret[redacted]");
        assertThat(secret.reveal()).isEqualTo(value);
        assertThat(String.valueOf(new Object[] {secret}[0])).doesNotContain(value.length() > 8 ? value : "\u0000");
    }

    @Property
    void insufficientStockSaysWhatWasAskedAndWhatWasThere(@ForAll @IntRange(min = 1, max = 10_000) int requested,
            @ForAll @IntRange(min = 0, max = 10_000) int available) {
        InsufficientStockException e = new InsufficientStockException("SKU-1", requested, available);
        assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_STOCK);
        assertThat(e.getMessage()).contains("requested " + requested).contains("available " + available).contains("SKU-1");
    }
}

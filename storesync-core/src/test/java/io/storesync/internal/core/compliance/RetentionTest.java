package io.storesync.internal.core.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.storesync.api.ValidationException;
import io.storesync.api.compliance.DataClass;
import io.storesync.api.compliance.RetentionBounds;
import io.storesync.api.compliance.RetentionPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The retention rules without a database: defaults, bounds, clamping and cutoffs. */
class RetentionTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void theDefaultsAreTheSchemaDocumentsPeriods() {
        RetentionPolicy p = Retention.effective(RetentionBounds.DEFAULT, Map.of());
        assertThat(p.orders().toDays()).isBetween(7 * 365L, 7 * 366L);
        assertThat(p.syncLogs()).isEqualTo(Duration.ofDays(90));
        assertThat(p.webhookEvents()).isEqualTo(Duration.ofDays(30));
        assertThat(p.auditTrail().toDays()).isBetween(5 * 365L, 5 * 366L);
        assertThat(p.idempotencyKeys()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void anOrganizationsSettingWinsWithinTheBoundsAndIsClampedOutsideThem() {
        Map<DataClass, Duration> set = new EnumMap<>(DataClass.class);
        set.put(DataClass.WEBHOOK_EVENTS, Duration.ofDays(10));
        set.put(DataClass.ORDERS, Duration.ofDays(30)); // stored before the host raised its minimum
        RetentionPolicy p = Retention.effective(RetentionBounds.DEFAULT, set);
        assertThat(p.webhookEvents()).isEqualTo(Duration.ofDays(10));
        assertThat(p.orders()).isEqualTo(RetentionBounds.DEFAULT.minimum().orders());
    }

    @Test
    void aSettingOutOfBoundsIsRefusedNamingEveryClass() {
        RetentionPolicy bad = RetentionPolicy.DEFAULTS.with(DataClass.WEBHOOK_EVENTS, Duration.ofDays(1))
                .with(DataClass.ORDERS, Duration.ofDays(2));
        assertThatThrownBy(() -> Retention.validate(RetentionBounds.DEFAULT, bad)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("webhook_events must be 7 to").hasMessageContaining("orders must be 366 to");
        assertThat(Retention.validate(RetentionBounds.DEFAULT, RetentionPolicy.DEFAULTS)).hasSize(DataClass.values().length);
    }

    @Test
    void theHostsLegalMinimumLiftsTheDefaultToo() {
        RetentionBounds strict = RetentionBounds.DEFAULT.withMinimum(DataClass.ORDERS, Duration.ofDays(3650));
        assertThat(strict.defaults().orders()).isEqualTo(Duration.ofDays(3650));
        assertThatThrownBy(() -> new RetentionBounds(RetentionPolicy.DEFAULTS, RetentionPolicy.DEFAULTS.with(DataClass.SYNC_LOGS,
                Duration.ofDays(100)), RetentionBounds.DEFAULT.maximum())).isInstanceOf(ValidationException.class);
    }

    @Test
    void periodsAreWholeDaysAndTheCutoffIsThatFarBack() {
        RetentionPolicy p = RetentionPolicy.DEFAULTS.with(DataClass.SYNC_LOGS, Duration.ofHours(36));
        assertThat(p.syncLogs()).isEqualTo(Duration.ofDays(1));
        assertThat(Retention.cutoff(p, DataClass.SYNC_LOGS, NOW)).isEqualTo(NOW.minus(Duration.ofDays(1)));
        assertThatThrownBy(() -> RetentionPolicy.DEFAULTS.with(DataClass.SYNC_LOGS, Duration.ofHours(3)))
                .isInstanceOf(ValidationException.class);
    }
}

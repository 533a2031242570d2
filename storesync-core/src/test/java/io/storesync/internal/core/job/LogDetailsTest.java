package io.storesync.internal.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.spi.persistence.LogDetails;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LogDetailsTest {

    @Test
    void valuesStayPlainSoAnyStoreCanWriteThemAsJson() {
        LogDetails d = LogDetails.of("pushed", 3, "ok", true, "from", Instant.parse("2026-01-01T00:00:00Z"),
                "skus", Set.of("A"), "none", null);
        assertThat(d.values()).containsExactly(
                java.util.Map.entry("pushed", 3), java.util.Map.entry("ok", true),
                java.util.Map.entry("from", "2026-01-01T00:00:00Z"), java.util.Map.entry("skus", List.of("A")),
                new java.util.AbstractMap.SimpleEntry<>("none", null));
    }

    @Test
    void namesAndValuesComeInPairs() {
        assertThatThrownBy(() -> LogDetails.of("pushed")).isInstanceOf(IllegalArgumentException.class);
    }
}

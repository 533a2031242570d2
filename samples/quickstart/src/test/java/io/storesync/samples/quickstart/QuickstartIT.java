package io.storesync.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's demo command must keep working: run it end to end on its own embedded server. */
class QuickstartIT {

    @Test
    void theDemoWalksThroughEveryStep() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
             PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            Quickstart.run(postgres.getPostgresDatabase(), postgres.getJdbcUrl("postgres", "postgres"), out);
        }
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("migration(s) applied", "Created organization 'Toko Kopi Nusantara'",
                "ayu@tokokopi.example (owner, active just now)", "budi@tokokopi.example (member)",
                "A viewer tried to add an admin and was refused");
    }
}

package io.storesync.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import io.storesync.api.Actor;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.UserId;
import io.storesync.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/** The Testcontainers backend, for hosts with Docker; skipped (not failed) where no Docker engine answers. */
class TestcontainersBackendIT {

    @Test
    void migratesAndServesStoreSyncFromAContainer() {
        assumeTrue(TestDatabase.dockerAvailable(), "no Docker engine answers here");
        try (TestDatabase db = TestDatabase.onTestcontainers()) {
            assertThat(db.serverKind()).isEqualTo("testcontainers");
            UserId owner = UserId.random();
            Organization org = db.storeSync().createOrganization(NewOrganization.of("Docker", "docker", owner, "d@x.test", null));
            assertThat(db.storeSync().tenant(org.id(), Actor.user(owner)).members().list()).hasSize(1);
        }
    }
}

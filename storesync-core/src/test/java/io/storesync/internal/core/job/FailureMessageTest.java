package io.storesync.internal.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.api.ConflictException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** What a failed job stores as its error: never the text of a database failure, which may quote row data. */
class FailureMessageTest {

    @Test
    void aDatabaseFailureThatEscapedTranslationIsStoredWithoutItsText() {
        SQLException sql = new SQLException(
                "ERROR: duplicate key value violates unique constraint \"users_email_key\"\n"
                        + "  Detail: Key (email)=(buyer.secret@example.test) already exists.", "23505");
        RuntimeException jdbiLike = new IllegalStateException(
                "statement:\"INSERT INTO users ...\", arguments:{email:buyer.secret@example.test}", sql);

        String stored = FailurePolicy.describe(jdbiLike);

        assertThat(stored).doesNotContain("buyer.secret@example.test").doesNotContain("INSERT")
                .isEqualTo("IllegalStateException: database failure (SQLSTATE 23505)");
    }

    @Test
    void storeSyncMessagesAreStoredAsWrittenAndOthersWithTheirType() {
        assertThat(FailurePolicy.describe(new ConflictException("already exists: unique constraint users_email_key")))
                .isEqualTo("already exists: unique constraint users_email_key");
        assertThat(FailurePolicy.describe(new IllegalArgumentException("bad page size")))
                .isEqualTo("IllegalArgumentException: bad page size");
    }
}

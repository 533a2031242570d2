package io.storesync.internal.jdbi;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.storesync.api.store.StoreId;
import io.storesync.spi.persistence.RateLimitBuckets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Rate-limit buckets in {@code rate_limit_buckets} (V11), through Bucket4j's PostgreSQL proxy manager: each call on a
 * bucket is one short transaction that locks the bucket's row ({@code SELECT ... FOR UPDATE}), updates its state and
 * commits, so every instance on the database draws from the same tokens.
 *
 * <p>Bucket4j takes its connections from the pool itself, switches them to {@code autoCommit=false} and commits or
 * rolls back explicitly, so pools configured either way keep its writes; the table is schema-qualified because it
 * never sets a search path. A row's key is the SHA-256 of platform and store id: the table names no tenant or store.
 */
final class JdbiRateLimitBuckets implements RateLimitBuckets {
    static final String TABLE = "rate_limit_buckets";

    private final ProxyManager<String> proxies;

    JdbiRateLimitBuckets(DataSource dataSource, String schema) {
        this.proxies = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(schema + "." + TABLE)
                .idColumn("id")
                .stateColumn("state")
                .build();
    }

    @Override
    public Bucket bucket(String platform, StoreId store, Supplier<BucketConfiguration> configuration) {
        return proxies.builder().build(key(platform, store), configuration);
    }

    /** SHA-256 (hex) of the platform and the store id: stable across instances, and naming neither. */
    static String key(String platform, StoreId store) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((platform + "\n" + store.value()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}

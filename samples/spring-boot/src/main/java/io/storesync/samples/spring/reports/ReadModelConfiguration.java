package io.storesync.samples.spring.reports;

import com.zaxxer.hikari.HikariDataSource;
import io.storesync.jpa.StoreSyncJpa;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Primary;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.persistenceunit.PersistenceManagedTypes;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;

/**
 * StoreSync's JPA read model wired as a host would: its own persistence unit (StoreSync's entities plus the host's
 * {@link StoreRegion}), built with {@code storesync-jpa}'s settings (the tenant-binding connection provider, the
 * tenant resolver, the read-only statement guard) over a small pool of its own, and Spring Data JPA repositories on it.
 *
 * <p><b>Why a pool of its own.</b> The host's pool runs {@code auto-commit=false} (application.properties); the read
 * model's connection provider binds the tenant as each transaction begins, on Hibernate's {@code setAutoCommit(false)}
 * call, and a connection already out of auto-commit never shows that call, so {@code storesync-jpa} refuses such a pool
 * rather than silently showing nothing. This pool is auto-commit, connects as the same application role (row-level
 * security applies), and is not a {@code DataSource} bean, so Boot's own DataSource (the engine's) stays as it was.
 *
 * <p><b>Transactions.</b> Two managers: {@code transactionManager} (primary, JDBC over the host's DataSource: a host
 * {@code @Transactional} joins StoreSync's API calls as before) and {@code readModelTransactionManager} (JPA over this
 * unit), which the repositories use. The tenant is never set at checkout: {@link ReadModelTenantFilter} binds the
 * thread for the request, and each repository transaction sets it as it begins.
 */
@Configuration(proxyBeanMethods = false)
@EnableJpaRepositories(basePackageClasses = ReadModelConfiguration.class,
        entityManagerFactoryRef = "readModelEntityManagerFactory", transactionManagerRef = "readModelTransactionManager")
class ReadModelConfiguration {

    /** The read model's pool: same URL and application role as the host's, auto-commit, a few connections. */
    @Bean(destroyMethod = "close")
    ReadModelPool readModelPool(@Value("${spring.datasource.url}") String url,
                                @Value("${spring.datasource.username}") String username,
                                @Value("${spring.datasource.password:}") String password,
                                @Value("${sample.read-model.pool-size:4}") int poolSize) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("storesync-read-model");
        pool.setJdbcUrl(url);
        pool.setUsername(username);
        pool.setPassword(password);
        pool.setAutoCommit(true);
        pool.setMaximumPoolSize(poolSize);
        pool.setMinimumIdle(0);
        return new ReadModelPool(pool);
    }

    @Bean
    @DependsOn("hostSchema")
    LocalContainerEntityManagerFactoryBean readModelEntityManagerFactory(ReadModelPool pool,
            @Value("${storesync.schema:storesync}") String schema) {
        List<String> classes = new ArrayList<>();
        StoreSyncJpa.entityClasses().forEach(c -> classes.add(c.getName()));
        classes.add(StoreRegion.class.getName());
        LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
        factory.setPersistenceUnitName("storesync-read-model");
        factory.setManagedTypes(PersistenceManagedTypes.of(classes, List.of()));
        // Spring's Hibernate settings (connections held per session, Spring's dialect), then StoreSync's: no
        // DataSource is given, Hibernate gets its connections from StoreSync's tenant-binding provider over the pool
        factory.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
        factory.setJpaPropertyMap(StoreSyncJpa.settings(pool.dataSource(), schema));
        return factory;
    }

    @Bean
    JpaTransactionManager readModelTransactionManager(
            @Qualifier("readModelEntityManagerFactory") EntityManagerFactory readModel) {
        return new JpaTransactionManager(readModel);
    }

    /**
     * The host's transactions on its own DataSource (what Boot would have configured, had the JPA manager above not
     * made it back off): {@code @Transactional} without a qualifier means this one.
     */
    @Bean
    @Primary
    JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    /** The read model's pool, wrapped so that it is not a second {@code DataSource} bean. */
    record ReadModelPool(HikariDataSource dataSource) implements AutoCloseable {
        @Override
        public void close() {
            dataSource.close();
        }
    }
}

package dev.checkout.platform.core;

import java.sql.DriverManager;
import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The platform's foundation beans. Every {@link JdbcClient} user waits for {@link ServiceSchemaMigrations}, so no
 * service ever sees a schema that is not yet migrated.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class, before = JdbcClientAutoConfiguration.class)
@ConditionalOnBean(DataSource.class)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = JobLocks.HOLD_TEXT)
public class PlatformCoreAutoConfiguration {

    @Bean
    ServiceSchemaMigrations serviceSchemaMigrations(DataSource dataSource, List<ServiceDescriptor> services) {
        return new ServiceSchemaMigrations(dataSource, services);
    }

    @Bean
    @DependsOn("serviceSchemaMigrations")
    JdbcClient jdbcClient(DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }

    @Bean
    @DependsOn("serviceSchemaMigrations")
    LockProvider lockProvider(DataSource dataSource, ObjectProvider<JdbcConnectionDetails> database) {
        JdbcConnectionDetails details = database.getIfAvailable();
        if (details != null) {
            return new AdvisoryLockProvider(() -> DriverManager.getConnection(details.getJdbcUrl(), details.getUsername(), details.getPassword()));
        }
        // A data source made by hand (no connection details to open a session of our own): the lock rows.
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTableName(ServiceSchemaMigrations.PLATFORM_SCHEMA + ".shedlock")
                .usingDbTime()
                .build());
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}

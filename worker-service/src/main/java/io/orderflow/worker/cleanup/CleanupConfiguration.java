package io.orderflow.worker.cleanup;

import java.time.Clock;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.worker.WorkerProperties;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Scheduling and ShedLock for the cleanup job. Lock times are the database's
 * ({@code usingDbTime()}), so the workers' clocks do not matter to who holds the lock.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "${orderflow.cleanup.lock-at-most-for}")
class CleanupConfiguration {

	@Bean
	LockOwner lockOwner(WorkerProperties worker) {
		return LockOwner.of(worker.instanceId());
	}

	@Bean
	LockProvider lockProvider(DataSource dataSource, LockOwner owner, MeterRegistry meters) {
		return new MeteredLockProvider(new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.usingDbTime()
			.withLockedByValue(owner.value())
			.build()), meters);
	}

	/** Retention is measured against this clock; tests replace it. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}

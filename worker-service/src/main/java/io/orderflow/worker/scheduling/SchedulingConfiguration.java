package io.orderflow.worker.scheduling;

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
 * Scheduling and ShedLock for the fleet-wide jobs (cleanup, reconcile): each names its
 * own lock and lease. Lock times are the database's ({@code usingDbTime()}), so the
 * workers' clocks do not matter to who holds a lock.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "10m")
class SchedulingConfiguration {

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

	/** Retention and stuck orders are measured against this clock; tests replace it. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}

package io.orderflow.worker.cleanup;

import io.orderflow.infrastructure.SpringProperties;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.testsupport.TestInfrastructure;
import io.orderflow.worker.WorkerApplication;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cleanup's batches on real PostgreSQL with a budget no batch can meet: they never
 * grow past the first, small one, however large {@code batch-size} is, and every expired
 * row still goes.
 */
class BatchBudgetIntegrationTests {

	private static final int EXPIRED = 20_000;

	@Test
	void batchesStaySmallWhenTheyTakeLongerThanTheBudget() {
		Map<String, String> properties = new HashMap<>(TestInfrastructure.shared().isolatedSpringProperties());
		properties.put("server.port", "0");
		properties.put("orderflow.cleanup.cron", "-");
		properties.put("orderflow.cleanup.batch-size", "10000");
		properties.put("orderflow.cleanup.batch-budget", "1us");
		try (ConfigurableApplicationContext worker = WorkerApplication.application()
			.run(SpringProperties.asArguments(properties))) {
			JdbcClient jdbc = worker.getBean(JdbcClient.class);
			jdbc.sql("""
					insert into audit_logs (order_id, event, created_at)
					select gen_random_uuid(), 'CREATED', now() - interval '40 days' - g * interval '1 millisecond'
					from generate_series(1, :expired) g
					""").param("expired", EXPIRED).update();

			CleanupReport report = worker.getBean(CleanupJob.class).manualRun().orElseThrow();

			assertThat(report.status()).isEqualTo(CleanupStatus.COMPLETED);
			assertThat(report.deleted()).containsEntry("audit_logs", (long) EXPIRED);
			DistributionSummary rows = worker.getBean(MeterRegistry.class)
				.get("orderflow.cleanup.batch.rows")
				.tag("table", "audit_logs")
				.summary();
			assertThat(rows.max()).as("largest batch").isEqualTo(BatchSizer.FIRST);
			assertThat(rows.count()).as("batches").isGreaterThan(EXPIRED / BatchSizer.FIRST);
			assertThat(jdbc.sql("select count(*) from audit_logs").query(Long.class).single()).isZero();
		}
	}

}

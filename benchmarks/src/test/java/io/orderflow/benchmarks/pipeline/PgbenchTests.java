package io.orderflow.benchmarks.pipeline;

import io.orderflow.infrastructure.Database;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for the pure parts of {@link Pgbench}: where it connects and what it reports.
 */
class PgbenchTests {

	@Test
	void hostPortAndDatabaseComeFromTheJdbcUrl() {
		assertThat(Pgbench.Target
			.of(new Database("jdbc:postgresql://127.0.0.1:35459/orderflow?sslmode=disable", "postgres", "")))
			.isEqualTo(new Pgbench.Target("127.0.0.1", 35459, "orderflow"));
		assertThat(Pgbench.Target.of(new Database("jdbc:postgresql://db.example/orders", "app", "secret")))
			.isEqualTo(new Pgbench.Target("db.example", 5432, "orders"));
	}

	@Test
	void theTpsIsReadFromPgbenchsSummary() {
		String output = """
				number of failed transactions: 0 (0.000%)
				latency average = 5.1 ms
				initial connection time = 12.345 ms
				tps = 1545.123456 (without initial connection time)
				""";

		assertThat(Pgbench.parseTps(output)).isEqualTo(1545.123456);
		assertThatIllegalStateException().isThrownBy(() -> Pgbench.parseTps("FATAL: no such database"))
			.withMessageContaining("pgbench printed no TPS");
	}

	@Test
	void theScriptRunsTheApisFourStatementsInOneTransaction() {
		assertThat(Pgbench.SCRIPT).contains("BEGIN;", "insert into orders", "insert into order_items",
				"insert into audit_logs", "'CREATED'", "insert into outbox", "END;");
	}

}

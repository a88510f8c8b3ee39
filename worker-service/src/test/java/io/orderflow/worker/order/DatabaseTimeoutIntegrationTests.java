package io.orderflow.worker.order;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import io.orderflow.infrastructure.Database;
import io.orderflow.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Row locks held by another transaction delay processing only by the worker's timeouts: a
 * batch waits at most {@code lock_timeout} for a lock and is retried (a lock timeout is
 * transient), and a worker session that went silent inside a transaction, as one cut off
 * from the network mid-batch would, loses its session and its locks after
 * {@code idle_in_transaction_session_timeout}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.config.name=orderflow-worker", "orderflow.worker.instance-id=timeout-test-worker",
				"spring.datasource.hikari.data-source-properties.options="
						+ "-c lock_timeout=1s -c statement_timeout=10s -c idle_in_transaction_session_timeout=3s",
				"orderflow.worker.retry.initial-interval=200ms", "orderflow.worker.retry.max-interval=500ms",
				"orderflow.worker.retry.jitter=0ms" })
class DatabaseTimeoutIntegrationTests extends WorkerIntegrationTestSupport {

	private static Database database;

	@Autowired
	DataSource dataSource;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		database = TestInfrastructure.shared().newDatabase();
		TestInfrastructure.shared()
			.isolatedSpringProperties(database)
			.forEach((name, value) -> registry.add(name, () -> value));
	}

	@Test
	void workerSessionThatWentSilentMidTransactionLosesItsLocksAfterTheIdleTimeout() throws Exception {
		this.fixtures.stock("A", 10);
		UUID id = this.fixtures.order(this.fixtures.line("A", 1, "1.00"));
		awaitAllConsumersAssigned();
		// A session with the worker's settings takes the stock row and then says nothing
		// more.
		Connection silent = this.dataSource.getConnection();
		try {
			lockStock(silent, this.fixtures.sku("A"));
			long started = System.nanoTime();

			this.fixtures.send(id);

			this.fixtures.awaitStatus(id, "COMPLETED");
			Duration delay = Duration.ofNanos(System.nanoTime() - started);
			assertThat(delay).isGreaterThanOrEqualTo(Duration.ofMillis(2500)).isLessThan(Duration.ofSeconds(20));
			assertThatExceptionOfType(SQLException.class).as("the server ended the silent session")
				.isThrownBy(() -> silent.createStatement().execute("select 1"));
		}
		finally {
			silent.close();
		}
		assertThat(this.fixtures.deadLetters(id.toString())).isEmpty();
	}

	@Test
	void lockWaitsAreCutShortByTheLockTimeoutAndRetriedUntilTheLockIsFree() throws Exception {
		this.fixtures.stock("A", 10);
		UUID id = this.fixtures.order(this.fixtures.line("A", 1, "1.00"));
		awaitAllConsumersAssigned();
		// Another application's long transaction, without the worker's timeouts.
		try (Connection other = database.dataSource().getConnection()) {
			lockStock(other, this.fixtures.sku("A"));

			this.fixtures.send(id);

			await().atMost(Duration.ofSeconds(20)).until(() -> waitingOnLocks() > 0);
			await().during(Duration.ofSeconds(5))
				.atMost(Duration.ofSeconds(8))
				.until(() -> longestLockWait().compareTo(Duration.ofMillis(2500)) < 0);
			assertThat(this.fixtures.status(id)).isNotEqualTo("COMPLETED");
			other.rollback();
		}

		this.fixtures.awaitStatus(id, "COMPLETED");
		assertThat(this.fixtures.deadLetters(id.toString())).isEmpty();
	}

	private static void lockStock(Connection connection, String sku) throws SQLException {
		connection.setAutoCommit(false);
		try (PreparedStatement lock = connection
			.prepareStatement("select available from inventory where sku = ? for update")) {
			lock.setString(1, sku);
			lock.executeQuery().close();
		}
	}

	private long waitingOnLocks() throws SQLException {
		return queryLong(
				"select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()");
	}

	private Duration longestLockWait() throws SQLException {
		return Duration.ofMillis(queryLong("""
				select coalesce(max(extract(epoch from clock_timestamp() - state_change) * 1000), 0)::bigint
				from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()
				"""));
	}

	private static long queryLong(String sql) throws SQLException {
		try (Connection connection = database.dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

}

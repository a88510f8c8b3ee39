package io.orderflow.worker.retry;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.kafka.KafkaException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FailureClassifier}.
 */
class FailureClassifierTests {

	private final FailureClassifier classifier = new FailureClassifier();

	@Test
	void lostConnectionIsTransient() {
		assertThat(this.classifier.isTransient(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
				new SQLException("Connection refused", "08001"))))
			.isTrue();
		assertThat(this.classifier.isTransient(new DataAccessResourceFailureException("database went away"))).isTrue();
	}

	@Test
	void lockFailuresAreTransient() {
		assertThat(this.classifier.isTransient(new CannotAcquireLockException("lock timeout"))).isTrue();
		assertThat(this.classifier.isTransient(new PessimisticLockingFailureException("row locked"))).isTrue();
	}

	@Test
	void lockTimeoutAndStatementTimeoutAreTransient() {
		// What pgjdbc throws when lock_timeout or statement_timeout cuts a statement
		// short.
		assertThat(this.classifier.isTransient(new UncategorizedSQLException("select for update", "select",
				new SQLException("canceling statement due to lock timeout", "55P03"))))
			.isTrue();
		assertThat(this.classifier.isTransient(new UncategorizedSQLException("update", "update",
				new SQLException("canceling statement due to statement timeout", "57014"))))
			.isTrue();
		assertThat(this.classifier
			.isTransient(new UncategorizedSQLException("update", "update", new SQLException("object in use", "55006"))))
			.isFalse();
	}

	@Test
	void transactionThatCannotStartIsTransient() {
		assertThat(this.classifier.isTransient(new CannotCreateTransactionException("no connection for transaction")))
			.isTrue();
	}

	@Test
	void rollbackOnAClosedConnectionIsTransient() {
		// What a pool's closed-connection proxy throws: no SQLSTATE to go by.
		TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
				new SQLException("Connection is closed"));

		assertThat(this.classifier.isTransient(rollbackFailed)).isTrue();
	}

	@Test
	void queryTimeoutIsTransient() {
		assertThat(this.classifier.isTransient(new QueryTimeoutException("statement timeout"))).isTrue();
	}

	@Test
	void connectionFailureSqlStateIsTransient() {
		assertThat(this.classifier.isTransient(sql("08006"))).isTrue();
	}

	@Test
	void serializationFailureSqlStateIsTransient() {
		assertThat(this.classifier.isTransient(sql("40001"))).isTrue();
	}

	@Test
	void deadlockSqlStateIsTransient() {
		assertThat(this.classifier.isTransient(sql("40P01"))).isTrue();
	}

	@Test
	void adminShutdownSqlStateIsTransient() {
		assertThat(this.classifier.isTransient(sql("57P01"))).isTrue();
	}

	@Test
	void transientSqlStateIsFoundSeveralLevelsDeep() {
		RuntimeException wrapped = new RuntimeException("batch failed", new IllegalStateException("processing failed",
				new UncategorizedSQLException("reserve stock", "UPDATE stock SET ...", sql("40001"))));

		assertThat(this.classifier.isTransient(wrapped)).isTrue();
	}

	@Test
	void transientExceptionTypeIsFoundSeveralLevelsDeep() {
		RuntimeException wrapped = new RuntimeException("outer",
				new RuntimeException("middle", new CannotAcquireLockException("lock timeout")));

		assertThat(this.classifier.isTransient(wrapped)).isTrue();
	}

	@Test
	void jdbcTransientExceptionWithoutSqlStateIsTransient() {
		assertThat(this.classifier.isTransient(new SQLTransientConnectionException("pool exhausted"))).isTrue();
	}

	@Test
	void transientFailureExceptionIsTransient() {
		assertThat(this.classifier.isTransient(new TransientFailureException("retry me", null))).isTrue();
	}

	@Test
	void kafkaTimeoutIsTransientAlsoWhenWrapped() {
		TimeoutException timeout = new TimeoutException("Expiring 1 record(s) for orders-dlt-0");

		assertThat(this.classifier.isTransient(timeout)).isTrue();
		assertThat(this.classifier.isTransient(new KafkaException("Send failed", timeout))).isTrue();
	}

	@Test
	void dataIntegrityViolationIsPermanent() {
		assertThat(this.classifier.isTransient(new DataIntegrityViolationException("duplicate key"))).isFalse();
	}

	@Test
	void programmingErrorsArePermanent() {
		assertThat(this.classifier.isTransient(new IllegalArgumentException("bad argument"))).isFalse();
		assertThat(this.classifier.isTransient(new NullPointerException())).isFalse();
	}

	@Test
	void uniqueViolationSqlStateIsPermanentAlsoWhenWrapped() {
		assertThat(this.classifier.isTransient(sql("23505"))).isFalse();
		assertThat(this.classifier.isTransient(new DataIntegrityViolationException("duplicate key", sql("23505"))))
			.isFalse();
	}

	@Test
	void raisedExceptionSqlStateIsPermanentAlsoWhenWrapped() {
		assertThat(this.classifier.isTransient(sql("P0001"))).isFalse();
		assertThat(this.classifier.isTransient(new RuntimeException("trigger refused",
				new UncategorizedSQLException("complete order", "UPDATE orders SET ...", sql("P0001")))))
			.isFalse();
	}

	@Test
	void sqlExceptionWithoutSqlStateIsPermanent() {
		assertThat(this.classifier.isTransient(new SQLException("no state"))).isFalse();
		assertThat(this.classifier.isTransient(new RuntimeException(new SQLException("no state", (String) null))))
			.isFalse();
	}

	@Test
	@Timeout(value = 5, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
	void causeCycleTerminatesAsPermanent() {
		RuntimeException first = new RuntimeException("first");
		RuntimeException second = new RuntimeException("second", new IllegalStateException("third", first));
		first.initCause(second);

		assertThat(this.classifier.isTransient(first)).isFalse();
	}

	private static SQLException sql(String sqlState) {
		return new SQLException("failed with SQLSTATE " + sqlState, sqlState);
	}

}

package io.orderflow.worker.cleanup;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * One batch of the cleanup, in one short transaction: bound the transaction's time, renew
 * the lease (or stop), delete up to {@code batchSize} rows, and add them to the run's
 * counters. Either all of that commits or none of it.
 */
@Component
class BatchPurger {

	private final JdbcClient jdbc;

	private final CleanupLease lease;

	private final CleanupRuns runs;

	private final CleanupProperties properties;

	BatchPurger(JdbcClient jdbc, CleanupLease lease, CleanupRuns runs, CleanupProperties properties) {
		this.jdbc = jdbc;
		this.lease = lease;
		this.runs = runs;
		this.properties = properties;
	}

	/**
	 * Deletes up to one batch of {@code target}'s rows older than {@code cutoff}; returns
	 * how many.
	 */
	@Transactional
	int purge(long run, PurgeTarget target, Instant cutoff) {
		// A frozen holder must not keep the lock row (and the rows it deletes) locked for
		// ever.
		String timeout = Long.toString(this.properties.batchTimeout().toMillis());
		this.jdbc
			.sql("select set_config('statement_timeout', :timeout, true), "
					+ "set_config('idle_in_transaction_session_timeout', :timeout, true)")
			.param("timeout", timeout)
			.query((rs) -> {
			});
		this.lease.renew();
		int deleted = this.jdbc.sql(target.deleteSql())
			.param("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
			.param("limit", this.properties.batchSize())
			.update();
		this.runs.recordBatch(run, target, deleted);
		return deleted;
	}

}

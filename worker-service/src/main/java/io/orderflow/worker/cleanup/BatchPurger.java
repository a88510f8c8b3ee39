package io.orderflow.worker.cleanup;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * One batch of the cleanup, in one short transaction: bound the transaction's time, renew
 * the lease (or stop), delete the next range of up to {@code limit} rows (see
 * {@link PurgeTarget}), and add them to the run's counters. Either all of that commits or
 * none of it.
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
	 * Deletes the next batch of at most {@code limit} of {@code target}'s rows older than
	 * {@code cutoff}, starting at {@code position} ({@code null}: the oldest row).
	 */
	@Transactional
	Batch purge(long run, PurgeTarget target, Instant cutoff, OffsetDateTime position, int limit) {
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
		OffsetDateTime before = OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC);
		OffsetDateTime bound = this.jdbc.sql(target.boundSql())
			.param("position", position, Types.TIMESTAMP_WITH_TIMEZONE)
			.param("cutoff", before)
			.param("limit", limit)
			.query(OffsetDateTime.class)
			.optional()
			.orElse(null);
		int deleted = this.jdbc.sql(target.rangeDeleteSql())
			.param("position", position, Types.TIMESTAMP_WITH_TIMEZONE)
			.param("bound", (bound != null) ? bound : before)
			.update();
		if (deleted == 0 && bound != null) {
			// More than a batch of rows share the age at the position.
			deleted = this.jdbc.sql(target.tieDeleteSql()).param("bound", bound).param("limit", limit).update();
		}
		this.runs.recordBatch(run, target, deleted);
		return new Batch(deleted, bound);
	}

	/**
	 * What one batch did.
	 *
	 * @param deleted rows deleted
	 * @param next where the next batch starts; {@code null} when this was the table's
	 * last batch
	 */
	record Batch(int deleted, OffsetDateTime next) {

		boolean last() {
			return this.next == null;
		}

	}

}

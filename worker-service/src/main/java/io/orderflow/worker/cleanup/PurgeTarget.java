package io.orderflow.worker.cleanup;

import java.time.Duration;
import java.util.function.Function;

/**
 * What the cleanup job deletes, each with its own retention, oldest first through the
 * index on its age column. A run walks each table in age order: every batch deletes one
 * range of ages, {@code [position, bound)}, where {@code bound} is the age of the row
 * just past a full batch. Deleting a range costs about what one big {@code DELETE} costs
 * per row; picking rows one by one (by id or ctid) costs two to four times as much, and
 * restarting each batch from the oldest row rescans every row deleted so far.
 */
enum PurgeTarget {

	AUDIT_LOGS("audit_logs", "audit_logs_deleted", CleanupProperties::auditLogRetention, "created_at", ""),

	IDEMPOTENCY_KEYS("idempotency_keys", "idempotency_keys_deleted", CleanupProperties::idempotencyKeyRetention,
			"expires_at", ""),

	OUTBOX("outbox", "outbox_deleted", CleanupProperties::outboxRetention, "published_at",
			" and published_at is not null"),

	/** The job's own history, kept as long as the audit log. */
	CLEANUP_RUNS("cleanup_runs", "cleanup_runs_deleted", CleanupProperties::auditLogRetention, "started_at",
			" and status <> 'RUNNING'");

	private final String table;

	private final String counterColumn;

	private final Function<CleanupProperties, Duration> retention;

	private final String boundSql;

	private final String rangeDeleteSql;

	private final String tieDeleteSql;

	PurgeTarget(String table, String counterColumn, Function<CleanupProperties, Duration> retention, String age,
			String filter) {
		this.table = table;
		this.counterColumn = counterColumn;
		this.retention = retention;
		String from = "%1$s >= coalesce(cast(:position as timestamptz), '-infinity')".formatted(age);
		this.boundSql = "select %1$s from %2$s where %3$s and %1$s < :cutoff%4$s order by %1$s offset :limit limit 1"
			.formatted(age, table, from, filter);
		this.rangeDeleteSql = "delete from %2$s where %3$s and %1$s < :bound%4$s".formatted(age, table, from, filter);
		// ctid keeps the outer delete on the rows the inner select found, not a table
		// scan.
		this.tieDeleteSql = """
				delete from %2$s where ctid = any(array(select ctid from %2$s where %1$s = :bound%3$s limit :limit))
				  and %1$s = :bound""".formatted(age, table, filter);
	}

	/** Table name, as in logs and the {@code table} metric tag. */
	String table() {
		return this.table;
	}

	/** The {@code cleanup_runs} column that counts this target's deleted rows. */
	String counterColumn() {
		return this.counterColumn;
	}

	Duration retention(CleanupProperties properties) {
		return this.retention.apply(properties);
	}

	/**
	 * The age of the row just past {@code :limit} rows from {@code :position} (none yet:
	 * {@code null}) that are older than {@code :cutoff}; no row when fewer remain.
	 */
	String boundSql() {
		return this.boundSql;
	}

	/**
	 * Deletes the rows from {@code :position} (inclusive, {@code null}: the oldest) to
	 * {@code :bound} (exclusive): at most {@code :limit} rows when {@code :bound} came
	 * from {@link #boundSql()}.
	 */
	String rangeDeleteSql() {
		return this.rangeDeleteSql;
	}

	/**
	 * Deletes up to {@code :limit} rows whose age is exactly {@code :bound}: for more
	 * rows of one age than a batch holds, which no range can split.
	 */
	String tieDeleteSql() {
		return this.tieDeleteSql;
	}

}

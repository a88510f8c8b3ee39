package io.orderflow.worker.cleanup;

import java.time.Duration;
import java.util.function.Function;

/**
 * What the cleanup job deletes, each with its own retention. Every delete takes at most
 * {@code :limit} rows, oldest first through the index on the age column, and repeats the
 * age condition so a row changed since it was selected is left alone.
 * {@code = any(array(...))} keeps the outer delete on the primary key (or ctid) rather
 * than letting the planner scan the table.
 */
enum PurgeTarget {

	AUDIT_LOGS("audit_logs", "audit_logs_deleted", CleanupProperties::auditLogRetention, """
			delete from audit_logs
			where id = any(array(select id from audit_logs where created_at < :cutoff order by created_at limit :limit))
			  and created_at < :cutoff
			"""),

	IDEMPOTENCY_KEYS("idempotency_keys", "idempotency_keys_deleted", CleanupProperties::idempotencyKeyRetention, """
			delete from idempotency_keys
			where ctid = any(array(select ctid from idempotency_keys where expires_at < :cutoff
			                       order by expires_at limit :limit))
			  and expires_at < :cutoff
			"""),

	OUTBOX("outbox", "outbox_deleted", CleanupProperties::outboxRetention, """
			delete from outbox
			where id = any(array(select id from outbox where published_at is not null and published_at < :cutoff
			                     order by published_at limit :limit))
			  and published_at < :cutoff
			"""),

	/** The job's own history, kept as long as the audit log. */
	CLEANUP_RUNS("cleanup_runs", "cleanup_runs_deleted", CleanupProperties::auditLogRetention, """
			delete from cleanup_runs
			where id = any(array(select id from cleanup_runs where started_at < :cutoff and status <> 'RUNNING'
			                     order by started_at limit :limit))
			  and started_at < :cutoff
			""");

	private final String table;

	private final String counterColumn;

	private final Function<CleanupProperties, Duration> retention;

	private final String deleteSql;

	PurgeTarget(String table, String counterColumn, Function<CleanupProperties, Duration> retention, String deleteSql) {
		this.table = table;
		this.counterColumn = counterColumn;
		this.retention = retention;
		this.deleteSql = deleteSql;
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

	/** Deletes up to {@code :limit} rows older than {@code :cutoff}. */
	String deleteSql() {
		return this.deleteSql;
	}

}

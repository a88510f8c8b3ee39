package io.orderflow.worker.cleanup;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.orderflow.worker.scheduling.LockOwner;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code cleanup_runs} table: the job's own record of what each run did.
 */
@Repository
class CleanupRuns {

	private static final int MAX_ERROR_LENGTH = 1000;

	private final JdbcClient jdbc;

	CleanupRuns(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records the start of a run and returns its id. Only the lock holder starts runs, so
	 * a run still marked {@code RUNNING} belongs to an instance that died or lost the
	 * lock: it is marked {@code ABANDONED}.
	 */
	@Transactional
	long start(Trigger trigger, LockOwner owner) {
		this.jdbc.sql("""
				update cleanup_runs set status = 'ABANDONED', finished_at = clock_timestamp(),
				       error = 'found unfinished by the next lock holder, ' || cast(:owner as text)
				where status = 'RUNNING'
				""").param("owner", owner.value()).update();
		return this.jdbc.sql(
				"insert into cleanup_runs (instance, trigger, status) values (:owner, :trigger, 'RUNNING') returning id")
			.param("owner", owner.value())
			.param("trigger", trigger.name())
			.query(Long.class)
			.single();
	}

	/** Adds a batch's deletes to the run's counters, in the batch's own transaction. */
	@Transactional(propagation = Propagation.MANDATORY)
	void recordBatch(long run, PurgeTarget target, int deleted) {
		// The column name comes from the enum, never from input.
		this.jdbc
			.sql("update cleanup_runs set batches = batches + 1, %1$s = %1$s + :deleted where id = :run"
				.formatted(target.counterColumn()))
			.param("deleted", deleted)
			.param("run", run)
			.update();
	}

	void finish(long run, CleanupStatus status, String error) {
		this.jdbc.sql(
				"update cleanup_runs set status = :status, finished_at = clock_timestamp(), error = :error where id = :run")
			.param("status", status.name())
			.param("error",
					(error != null && error.length() > MAX_ERROR_LENGTH) ? error.substring(0, MAX_ERROR_LENGTH) : error)
			.param("run", run)
			.update();
	}

	/** The latest runs, newest first. */
	List<Run> recent(int limit) {
		return this.jdbc.sql("select * from cleanup_runs order by id desc limit :limit")
			.param("limit", limit)
			.query((rs, row) -> {
				Map<String, Long> deleted = new LinkedHashMap<>();
				for (PurgeTarget target : PurgeTarget.values()) {
					deleted.put(target.table(), rs.getLong(target.counterColumn()));
				}
				OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
				return new Run(rs.getLong("id"), rs.getString("instance"), Trigger.valueOf(rs.getString("trigger")),
						CleanupStatus.valueOf(rs.getString("status")),
						rs.getObject("started_at", OffsetDateTime.class).toInstant(),
						(finished != null) ? finished.toInstant() : null, rs.getInt("batches"), deleted,
						rs.getString("error"));
			})
			.list();
	}

	/**
	 * One row of {@code cleanup_runs}.
	 *
	 * @param id run id
	 * @param instance lock owner that ran it
	 * @param trigger schedule or operator
	 * @param status how it ended, or {@code RUNNING}
	 * @param startedAt database time at the start
	 * @param finishedAt database time at the end; {@code null} while running
	 * @param batches delete statements committed
	 * @param deleted rows deleted per table
	 * @param error why it stopped, if it did not complete
	 */
	record Run(long id, String instance, Trigger trigger, CleanupStatus status, Instant startedAt, Instant finishedAt,
			int batches, Map<String, Long> deleted, String error) {

	}

}

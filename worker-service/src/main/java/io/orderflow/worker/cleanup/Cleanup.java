package io.orderflow.worker.cleanup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * One cleanup run, for the instance that holds the lock: every {@link PurgeTarget} in
 * turn, batch after batch in age order until a batch reaches the cutoff, each batch sized
 * to the time budget by a {@link BatchSizer}. It stops at once when the lease is lost,
 * between batches when the worker shuts down, and on a database error (the next tick
 * tries again). Logs progress every {@value #PROGRESS_SECONDS} s and one summary line per
 * run.
 */
@Component
class Cleanup {

	private static final Logger log = LoggerFactory.getLogger(Cleanup.class);

	private static final int PROGRESS_SECONDS = 10;

	private final BatchPurger purger;

	private final CleanupRuns runs;

	private final CleanupLease lease;

	private final CleanupMetrics metrics;

	private final CleanupProperties properties;

	private final Clock clock;

	Cleanup(BatchPurger purger, CleanupRuns runs, CleanupLease lease, CleanupMetrics metrics,
			CleanupProperties properties, Clock clock) {
		this.purger = purger;
		this.runs = runs;
		this.lease = lease;
		this.metrics = metrics;
		this.properties = properties;
		this.clock = clock;
	}

	CleanupReport run(Trigger trigger) {
		long started = System.nanoTime();
		// Retention is measured from one instant for the whole run; PostgreSQL keeps
		// microseconds.
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		Progress progress = new Progress(started);
		long run = 0;
		CleanupStatus status = CleanupStatus.COMPLETED;
		String error = null;
		try {
			run = this.runs.start(trigger, this.lease.owner());
			status = purgeAll(run, now, progress);
		}
		catch (LockLostException ex) {
			status = CleanupStatus.LOCK_LOST;
			error = ex.getMessage();
		}
		catch (DataAccessException | TransactionException ex) {
			status = CleanupStatus.FAILED;
			error = ex.getMostSpecificCause().getMessage();
			log.error("Cleanup run {} failed; the lock expires as usual and the next tick tries again", run, ex);
		}
		if (run != 0) {
			finish(run, status, error);
		}
		CleanupReport report = new CleanupReport(run, trigger, status, this.lease.owner().value(),
				progress.deletedByTable(), progress.batches, Duration.ofNanos(System.nanoTime() - started).toMillis(),
				progress.longestBatch.toMillis(), error);
		this.metrics.run(report);
		if (status == CleanupStatus.COMPLETED) {
			log.info(report.summary());
		}
		else {
			log.warn(report.summary());
		}
		return report;
	}

	private CleanupStatus purgeAll(long run, Instant now, Progress progress) {
		for (PurgeTarget target : PurgeTarget.values()) {
			Instant cutoff = now.minus(target.retention(this.properties));
			BatchSizer sizer = new BatchSizer(this.properties.batchSize(), this.properties.batchBudget());
			BatchPurger.Batch batch = null;
			do {
				if (Thread.currentThread().isInterrupted()) {
					return CleanupStatus.INTERRUPTED;
				}
				long batchStarted = System.nanoTime();
				batch = this.purger.purge(run, target, cutoff, (batch != null) ? batch.next() : null, sizer.size());
				progress.batch(run, target, batch.deleted(), Duration.ofNanos(System.nanoTime() - batchStarted));
				sizer.batch(batch.deleted(), progress.lastBatch);
				this.metrics.batch(target, batch.deleted(), progress.lastBatch);
			}
			while (!batch.last() && pause());
		}
		return Thread.currentThread().isInterrupted() ? CleanupStatus.INTERRUPTED : CleanupStatus.COMPLETED;
	}

	/** Waits {@code batchPause}; false if interrupted, which ends the run. */
	private boolean pause() {
		if (this.properties.batchPause().isZero()) {
			return true;
		}
		try {
			Thread.sleep(this.properties.batchPause().toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void finish(long run, CleanupStatus status, String error) {
		try {
			this.runs.finish(run, status, error);
		}
		catch (DataAccessException ex) {
			// The next holder marks the run ABANDONED.
			log.warn("Cannot record the end of cleanup run {}: {}", run, ex.getMostSpecificCause().getMessage());
		}
	}

	/**
	 * Counts of the run so far, and a progress line every {@value #PROGRESS_SECONDS} s.
	 */
	private static final class Progress {

		private final Map<PurgeTarget, Long> deleted = new LinkedHashMap<>();

		private final long started;

		private long lastLogged;

		private int batches;

		private Duration lastBatch = Duration.ZERO;

		private Duration longestBatch = Duration.ZERO;

		Progress(long started) {
			this.started = started;
			this.lastLogged = started;
			for (PurgeTarget target : PurgeTarget.values()) {
				this.deleted.put(target, 0L);
			}
		}

		void batch(long run, PurgeTarget target, int rows, Duration duration) {
			this.batches++;
			this.deleted.merge(target, (long) rows, Long::sum);
			this.lastBatch = duration;
			if (duration.compareTo(this.longestBatch) > 0) {
				this.longestBatch = duration;
			}
			long now = System.nanoTime();
			if (now - this.lastLogged >= Duration.ofSeconds(PROGRESS_SECONDS).toNanos()) {
				this.lastLogged = now;
				log.info("Cleanup run {} in progress: {} rows deleted from {} so far, {} batches in {} s", run,
						this.deleted.get(target), target.table(), this.batches,
						Duration.ofNanos(now - this.started).toSeconds());
			}
		}

		Map<String, Long> deletedByTable() {
			Map<String, Long> byTable = new LinkedHashMap<>();
			this.deleted.forEach((target, rows) -> byTable.put(target.table(), rows));
			return byTable;
		}

	}

}

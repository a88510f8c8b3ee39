package io.orderflow.worker.cleanup;

/**
 * How a cleanup run ended, as recorded in {@code cleanup_runs.status}.
 */
enum CleanupStatus {

	/** Still deleting, or died without saying so (see {@link #ABANDONED}). */
	RUNNING,

	/** Every target is below its retention. */
	COMPLETED,

	/**
	 * The lease expired or another instance took the lock: stopped before the next batch.
	 */
	LOCK_LOST,

	/** A database error; the next tick tries again. */
	FAILED,

	/** The worker is shutting down: stopped between batches. */
	INTERRUPTED,

	/**
	 * Found still RUNNING by the next lock holder: its instance died or lost the lock
	 * without recording it.
	 */
	ABANDONED

}

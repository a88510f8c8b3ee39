package io.orderflow.worker.cleanup;

import java.time.Duration;

/**
 * Sizes the cleanup's batches to a time budget, so that one batch transaction stays short
 * when the database is busy and the run stays fast when it is not. A run starts small,
 * then each batch's rows-per-second sets the next size: at most twice the last, never
 * more than {@code batch-size}, never fewer than {@value #FLOOR} rows (or
 * {@code batch-size} if that is smaller). A zero budget turns sizing off: every batch is
 * {@code batch-size} rows.
 */
final class BatchSizer {

	/** Fewer rows than this would spend a batch on its own overhead. */
	static final int FLOOR = 100;

	/** The first batch of a run, until it has measured the database. */
	static final int FIRST = 500;

	private final int max;

	private final long budgetNanos;

	private final int floor;

	private int size;

	BatchSizer(int max, Duration budget) {
		this.max = max;
		this.budgetNanos = budget.toNanos();
		this.floor = Math.min(max, FLOOR);
		this.size = (this.budgetNanos == 0) ? max : Math.min(max, FIRST);
	}

	/** Rows the next batch may delete. */
	int size() {
		return this.size;
	}

	/** Learns from a batch that deleted {@code rows} rows in {@code took}. */
	void batch(int rows, Duration took) {
		if (this.budgetNanos == 0 || rows == 0) {
			return;
		}
		long nanos = Math.max(1, took.toNanos());
		double fits = (double) rows * this.budgetNanos / nanos;
		long next = Math.min((long) fits, 2L * this.size);
		this.size = (int) Math.max(this.floor, Math.min(this.max, next));
	}

}

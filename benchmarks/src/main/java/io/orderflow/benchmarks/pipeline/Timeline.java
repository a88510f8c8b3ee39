package io.orderflow.benchmarks.pipeline;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Completions per second of one phase, for the throughput-over-time chart. Thread-safe; a
 * completion after the last second is counted in the last one.
 */
final class Timeline {

	private final long startNanos;

	private final AtomicLongArray counts;

	Timeline(long startNanos, int seconds) {
		this.startNanos = startNanos;
		this.counts = new AtomicLongArray(Math.max(1, seconds));
	}

	void record(long completedNanos) {
		long second = Math.max(0, (completedNanos - this.startNanos) / 1_000_000_000L);
		this.counts.incrementAndGet((int) Math.min(second, this.counts.length() - 1));
	}

	/** Completions in each second since the start. */
	long[] perSecond() {
		long[] values = new long[this.counts.length()];
		for (int i = 0; i < values.length; i++) {
			values[i] = this.counts.get(i);
		}
		return values;
	}

}

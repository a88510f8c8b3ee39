package io.orderflow.benchmarks.pipeline;

import java.util.Collection;

import io.orderflow.benchmarks.Stats;

/**
 * End-to-end latency on the server's clock: from an order's {@code created_at} to the
 * {@code updated_at} of its terminal status, read from the database after the phase.
 *
 * @param orders orders that reached a terminal status
 * @param unfinished orders of the phase that had not (still pending, or failed)
 * @param p50Ms median, ms
 * @param p99Ms 99th percentile, ms
 * @param maxMs highest, ms
 */
record ServerLatency(long orders, long unfinished, double p50Ms, double p99Ms, double maxMs) {

	/** Nothing measured. */
	static final ServerLatency NONE = new ServerLatency(0, 0, Double.NaN, Double.NaN, Double.NaN);

	/**
	 * Nearest-rank percentiles of the latencies (ms) of the finished orders; NaN when
	 * there are none.
	 */
	static ServerLatency of(Collection<Double> millis, long unfinished) {
		if (millis.isEmpty()) {
			return new ServerLatency(0, unfinished, Double.NaN, Double.NaN, Double.NaN);
		}
		return new ServerLatency(millis.size(), unfinished, Stats.percentile(millis, 0.50),
				Stats.percentile(millis, 0.99), Stats.percentile(millis, 1.0));
	}

}

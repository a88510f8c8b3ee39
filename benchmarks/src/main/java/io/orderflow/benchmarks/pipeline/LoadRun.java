package io.orderflow.benchmarks.pipeline;

import org.HdrHistogram.Histogram;

/**
 * What one load phase measured.
 *
 * @param latencies latency of every successful request or transaction, in microseconds
 * @param timeline completions per second
 * @param completed successful requests or transactions
 * @param errors refused or failed ones
 * @param seconds length of the phase
 */
record LoadRun(Histogram latencies, Timeline timeline, long completed, long errors, double seconds) {

	double throughput() {
		return (this.seconds > 0) ? this.completed / this.seconds : Double.NaN;
	}

	LoadResult result() {
		if (this.latencies.getTotalCount() == 0) {
			return new LoadResult(throughput(), Double.NaN, Double.NaN, Double.NaN, this.errors);
		}
		return new LoadResult(throughput(), this.latencies.getValueAtPercentile(50) / 1000.0,
				this.latencies.getValueAtPercentile(99) / 1000.0, this.latencies.getMaxValue() / 1000.0, this.errors);
	}

}

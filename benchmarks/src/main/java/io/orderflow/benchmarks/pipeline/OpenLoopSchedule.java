package io.orderflow.benchmarks.pipeline;

/**
 * When the requests of an open loop are meant to be sent: one every {@code intervalNanos}
 * from {@code startNanos}, whatever the server does. Latency is measured from the
 * intended send time, not from the time a request actually left: a client that waited for
 * a stalled server would otherwise send late and record a short latency, hiding the stall
 * (coordinated omission).
 *
 * @param startNanos {@link System#nanoTime()} of the first intended send
 * @param intervalNanos time between two intended sends
 */
record OpenLoopSchedule(long startNanos, long intervalNanos) {

	OpenLoopSchedule {
		if (intervalNanos < 1) {
			throw new IllegalArgumentException("intervalNanos must be at least 1, got " + intervalNanos);
		}
	}

	/** {@code perSecond} requests per second from {@code startNanos}. */
	static OpenLoopSchedule atRate(long startNanos, double perSecond) {
		if (!(perSecond > 0)) {
			throw new IllegalArgumentException("The rate must be above 0 per second, got " + perSecond);
		}
		return new OpenLoopSchedule(startNanos, Math.max(1, Math.round(1e9 / perSecond)));
	}

	/** When request {@code index} (0-based) is meant to be sent. */
	long intendedNanos(long index) {
		return this.startNanos + index * this.intervalNanos;
	}

	/**
	 * The latency of request {@code index} corrected for coordinated omission: from its
	 * intended send time to its answer.
	 */
	long correctedLatencyNanos(long index, long answeredNanos) {
		return Math.max(0, answeredNanos - intendedNanos(index));
	}

	/** How many requests are due within {@code durationNanos}. */
	long requestsWithin(long durationNanos) {
		return (durationNanos + this.intervalNanos - 1) / this.intervalNanos;
	}

}

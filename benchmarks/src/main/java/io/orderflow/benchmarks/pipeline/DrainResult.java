package io.orderflow.benchmarks.pipeline;

/**
 * One drain of a backlog by a number of workers, read from the database: the rate is the
 * backlog's terminal orders over the time from the first to the last terminal
 * {@code updated_at}.
 *
 * @param workers worker processes
 * @param orders orders that reached a terminal status (COMPLETED or REJECTED)
 * @param seconds from the first to the last terminal {@code updated_at}; the worker sets
 * {@code updated_at = now()}, its batch transaction's start, so this leaves out the last
 * batch's own time
 * @param wallSeconds from the thaw until no order was left pending or processing, on this
 * process's clock, polled every 100 ms
 * @param cpuSeconds CPU time of the workers from their thaw to the end; NaN when the
 * platform does not report it
 * @param perSecond terminal orders in each second since the first
 */
record DrainResult(int workers, long orders, double seconds, double wallSeconds, double cpuSeconds, long[] perSecond) {

	DrainResult {
		perSecond = perSecond.clone();
	}

	/** Orders per second; NaN when the drain took no measurable time. */
	double rate() {
		return (this.seconds > 0) ? this.orders / this.seconds : Double.NaN;
	}

	/** Orders per CPU-second of the workers; NaN without CPU time. */
	double ordersPerCpuSecond() {
		return (this.cpuSeconds > 0) ? this.orders / this.cpuSeconds : Double.NaN;
	}

	/** The longest run of seconds without a completion between the first and the last. */
	int longestPauseSeconds() {
		int longest = 0;
		int current = 0;
		for (long count : this.perSecond) {
			current = (count == 0) ? current + 1 : 0;
			longest = Math.max(longest, current);
		}
		return longest;
	}

	@Override
	public long[] perSecond() {
		return this.perSecond.clone();
	}

	/**
	 * Scaling efficiency: the rate of {@code more} workers over {@code one} worker's rate
	 * times their number; 1.0 is perfect scaling.
	 */
	static double efficiency(DrainResult one, DrainResult more) {
		return more.rate() / (more.workers() * one.rate() / one.workers());
	}

	/** Orders per CPU-second of {@code more} workers over {@code one}'s. */
	static double cpuEfficiency(DrainResult one, DrainResult more) {
		return more.ordersPerCpuSecond() / one.ordersPerCpuSecond();
	}

}

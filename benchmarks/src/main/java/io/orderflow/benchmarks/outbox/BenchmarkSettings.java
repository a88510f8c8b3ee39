package io.orderflow.benchmarks.outbox;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one benchmark run does, per round and contender, as {@link OutboxBenchmarkCli}
 * parsed it.
 *
 * @param rounds rounds; the contenders alternate which goes first
 * @param steadyOrders orders submitted one at a time in the steady phase
 * @param steadyRate orders per second in the steady phase
 * @param burstOrders orders submitted as fast as they commit in the burst phase
 * @param burstThreads threads submitting in the burst phase
 * @param warmupOrders orders each contender publishes before the first round, not
 * measured
 * @param outage whether to run the broker outage scenario after the rounds
 * @param modulithProperties Spring properties set in the Modulith contender's context,
 * for experiments
 */
record BenchmarkSettings(int rounds, int steadyOrders, int steadyRate, int burstOrders, int burstThreads,
		int warmupOrders, boolean outage, Map<String, String> modulithProperties) {

	BenchmarkSettings {
		requireAtLeast("--rounds", rounds, 1);
		requireAtLeast("--steady", steadyOrders, 1);
		requireAtLeast("--rate", steadyRate, 1);
		requireAtLeast("--burst", burstOrders, 1);
		requireAtLeast("--threads", burstThreads, 1);
		requireAtLeast("--warmup", warmupOrders, 0);
		modulithProperties = Collections.unmodifiableMap(new LinkedHashMap<>(modulithProperties));
	}

	BenchmarkSettings(int rounds, int steadyOrders, int steadyRate, int burstOrders, int burstThreads, int warmupOrders,
			boolean outage) {
		this(rounds, steadyOrders, steadyRate, burstOrders, burstThreads, warmupOrders, outage, Map.of());
	}

	private static void requireAtLeast(String option, int value, int minimum) {
		if (value < minimum) {
			throw new IllegalArgumentException(option + " must be at least " + minimum + ", got " + value);
		}
	}

}

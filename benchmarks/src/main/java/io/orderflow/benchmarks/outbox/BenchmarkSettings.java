package io.orderflow.benchmarks.outbox;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one benchmark run does, per round and contender.
 *
 * @param rounds rounds; the contenders alternate which goes first
 * @param steadyOrders orders submitted one at a time in the steady phase
 * @param steadyRate orders per second in the steady phase
 * @param burstOrders orders submitted as fast as they commit in the burst phase
 * @param burstThreads threads submitting in the burst phase
 * @param warmupOrders orders each contender publishes before the first round, not measured
 * @param outage whether to run the broker outage scenario after the rounds
 * @param modulithProperties Spring properties set in the Modulith contender's context, for experiments
 */
record BenchmarkSettings(int rounds, int steadyOrders, int steadyRate, int burstOrders, int burstThreads,
		int warmupOrders, boolean outage, Map<String, String> modulithProperties) {

	static final String USAGE = """
			Usage: ./orderflow bench-outbox [--rounds N] [--steady N] [--rate N] [--burst N] [--threads N] [--warmup N]
			                                [--no-outage] [--modulith-property NAME=VALUE ...]
			  --rounds N    rounds (default 3)
			  --steady N    orders one at a time per round and contender (default 300)
			  --rate N      orders per second of the steady phase (default 50)
			  --burst N     orders of the burst phase (default 5000)
			  --threads N   threads submitting the burst (default 8)
			  --warmup N    unmeasured orders per contender before the first round (default 1000)
			  --no-outage   skip the broker outage scenario after the rounds (about a minute)
			  --modulith-property NAME=VALUE
			                a Spring property of the Modulith contender, repeatable, for example
			                spring.modulith.events.completion-mode=delete or spring.task.execution.pool.core-size=16
			""";

	BenchmarkSettings {
		requireAtLeast("--rounds", rounds, 1);
		requireAtLeast("--steady", steadyOrders, 1);
		requireAtLeast("--rate", steadyRate, 1);
		requireAtLeast("--burst", burstOrders, 1);
		requireAtLeast("--threads", burstThreads, 1);
		requireAtLeast("--warmup", warmupOrders, 0);
		modulithProperties = Collections.unmodifiableMap(new LinkedHashMap<>(modulithProperties));
	}

	BenchmarkSettings(int rounds, int steadyOrders, int steadyRate, int burstOrders, int burstThreads,
			int warmupOrders, boolean outage) {
		this(rounds, steadyOrders, steadyRate, burstOrders, burstThreads, warmupOrders, outage, Map.of());
	}

	static BenchmarkSettings defaults() {
		return new BenchmarkSettings(3, 300, 50, 5000, 8, 1000, true);
	}

	static BenchmarkSettings parse(List<String> args) {
		BenchmarkSettings defaults = defaults();
		int rounds = defaults.rounds();
		int steady = defaults.steadyOrders();
		int rate = defaults.steadyRate();
		int burst = defaults.burstOrders();
		int threads = defaults.burstThreads();
		int warmup = defaults.warmupOrders();
		boolean outage = defaults.outage();
		Map<String, String> modulith = new LinkedHashMap<>();
		for (Iterator<String> it = args.iterator(); it.hasNext();) {
			String option = it.next();
			switch (option) {
				case "--rounds" -> rounds = intValue(option, it);
				case "--steady" -> steady = intValue(option, it);
				case "--rate" -> rate = intValue(option, it);
				case "--burst" -> burst = intValue(option, it);
				case "--threads" -> threads = intValue(option, it);
				case "--warmup" -> warmup = intValue(option, it);
				case "--no-outage" -> outage = false;
				case "--modulith-property" -> property(option, it, modulith);
				default -> throw new IllegalArgumentException("Unknown option '" + option + "'");
			}
		}
		return new BenchmarkSettings(rounds, steady, rate, burst, threads, warmup, outage, modulith);
	}

	private static void property(String option, Iterator<String> it, Map<String, String> properties) {
		if (!it.hasNext()) {
			throw new IllegalArgumentException(option + " needs a value");
		}
		String value = it.next();
		int equals = value.indexOf('=');
		if (equals < 1) {
			throw new IllegalArgumentException(option + " takes NAME=VALUE, got '" + value + "'");
		}
		properties.put(value.substring(0, equals), value.substring(equals + 1));
	}

	private static int intValue(String option, Iterator<String> it) {
		if (!it.hasNext()) {
			throw new IllegalArgumentException(option + " needs a value");
		}
		String value = it.next();
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(option + " takes a whole number, got '" + value + "'");
		}
	}

	private static void requireAtLeast(String option, int value, int minimum) {
		if (value < minimum) {
			throw new IllegalArgumentException(option + " must be at least " + minimum + ", got " + value);
		}
	}

}

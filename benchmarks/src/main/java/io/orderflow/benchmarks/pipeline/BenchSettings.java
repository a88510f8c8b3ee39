package io.orderflow.benchmarks.pipeline;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What one {@code ./orderflow bench} run does.
 *
 * @param rounds rounds of every figure; the report gives their medians
 * @param phase length of each measured phase (a closed or open loop, an anchor)
 * @param warmup unmeasured HTTP load before the first round, so the api is compiled
 * @param kafkaRecords records of the Kafka producer and consumer anchors, per round
 * @param relaySteadyOrders orders at a steady 50/s in the relay section
 * @param relayBurstOrders orders of the relay section's burst
 * @param backlog orders of the backlog that 1 and then 2 workers drain
 * @param cleanupRows expired audit rows that the cleanup job and one {@code DELETE} each
 * delete
 * @param quick a smoke run: tiny numbers, for CI
 * @param reportDirectory where report.md and the charts go
 * @param workDirectory where the stack keeps its files
 */
record BenchSettings(int rounds, Duration phase, Duration warmup, int kafkaRecords, int relaySteadyOrders,
		int relayBurstOrders, int backlog, int cleanupRows, boolean quick, Path reportDirectory, Path workDirectory) {

	static final int DEFAULT_ROUNDS = 3;

	static final Duration DEFAULT_PHASE = Duration.ofSeconds(10);

	static final int DEFAULT_BACKLOG = 200_000;

	static final int QUICK_BACKLOG = 2000;

	static final int DEFAULT_CLEANUP_ROWS = 5_000_000;

	static final int QUICK_CLEANUP_ROWS = 20_000;

	BenchSettings {
		if (rounds < 1) {
			throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
		}
		if (phase.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("--duration must be at least 1 s, got " + phase.toMillis() + " ms");
		}
		if (backlog < 1) {
			throw new IllegalArgumentException("--backlog must be at least 1, got " + backlog);
		}
		if (cleanupRows < 1) {
			throw new IllegalArgumentException("--cleanup-rows must be at least 1, got " + cleanupRows);
		}
	}

	/**
	 * A full run: 200,000 Kafka records, the relay section at 300 and 2,000 orders, a
	 * backlog of {@code backlog} orders, 5,000,000 expired audit rows to clean.
	 */
	static BenchSettings standard(int rounds, Duration phase, int backlog, Path reportDirectory, Path workDirectory) {
		Duration warmup = (phase.compareTo(Duration.ofSeconds(5)) < 0) ? phase : Duration.ofSeconds(60);
		return new BenchSettings(rounds, phase, warmup, 200_000, 300, 2000, backlog, DEFAULT_CLEANUP_ROWS, false,
				reportDirectory, workDirectory);
	}

	/**
	 * A smoke run: 1 s phases and small numbers; it checks that everything runs and the
	 * report is written, not how fast.
	 */
	static BenchSettings quick(int rounds, Path reportDirectory, Path workDirectory) {
		return quick(rounds, QUICK_BACKLOG, reportDirectory, workDirectory);
	}

	/** As above, with a backlog of {@code backlog} orders. */
	static BenchSettings quick(int rounds, int backlog, Path reportDirectory, Path workDirectory) {
		return new BenchSettings(rounds, Duration.ofSeconds(1), Duration.ofSeconds(1), 2000, 20, 100, backlog,
				QUICK_CLEANUP_ROWS, true, reportDirectory, workDirectory);
	}

	/** As this, cleaning {@code rows} expired audit rows. */
	BenchSettings withCleanupRows(int rows) {
		return new BenchSettings(this.rounds, this.phase, this.warmup, this.kafkaRecords, this.relaySteadyOrders,
				this.relayBurstOrders, this.backlog, rows, this.quick, this.reportDirectory, this.workDirectory);
	}

}

package io.orderflow.benchmarks.relay;

import java.util.concurrent.Callable;

import io.orderflow.benchmarks.BenchmarksCli;
import io.orderflow.dlt.CommandLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./orderflow bench}: runs {@link RelayBenchmark} on a stack of its own.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = {
		"Benchmark the outbox relay against a plain Kafka producer on a stack of its own.",
		"Starts a stack (free ports, files in .orderflow-bench/) and measures per round a plain producer's"
				+ " send-to-acknowledgement latency, the relay's latency at a steady 50 orders/s and the accept and"
				+ " drain rates of a burst; prints every round and the medians." })
public final class RelayBenchmarkCli implements Callable<Integer> {

	@ParentCommand
	private BenchmarksCli cli;

	@Option(names = "--rounds", paramLabel = "N", defaultValue = "3", converter = CommandLines.Positive.class,
			description = "rounds (default: ${DEFAULT-VALUE})")
	private int rounds;

	@Override
	public Integer call() throws InterruptedException {
		RelayBenchmark.run(this.cli.home(), this.rounds, this.cli.out());
		return 0;
	}

}

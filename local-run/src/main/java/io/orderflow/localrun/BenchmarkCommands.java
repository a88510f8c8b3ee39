package io.orderflow.localrun;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code bench} and {@code bench-outbox} as this jar knows them: the {@code ./orderflow}
 * script runs them from the benchmarks jar (which depends on this module, not the other
 * way round), with their own options and {@code --help}. Here they are listed in the
 * usage and say where they run.
 */
final class BenchmarkCommands {

	private BenchmarkCommands() {
	}

	/** A benchmark that runs from the benchmarks jar. */
	abstract static class InBenchmarksJar implements Callable<Integer> {

		@Spec
		private CommandSpec spec;

		/** Whatever was given: the benchmarks jar parses it. */
		@Unmatched
		private List<String> arguments = new ArrayList<>();

		@Override
		public Integer call() {
			throw new ParameterException(this.spec.commandLine(),
					this.spec.name() + " runs from the benchmarks jar: run it as ./orderflow " + this.spec.name());
		}

	}

	@Command(name = "bench", customSynopsis = "orderflow bench [OPTIONS]",
			description = { "Benchmark the outbox relay against a plain Kafka producer on a stack of its own.",
					"./orderflow bench --help lists its options." })
	static final class Bench extends InBenchmarksJar {

	}

	@Command(name = "bench-outbox", customSynopsis = "orderflow bench-outbox [OPTIONS]",
			description = { "Benchmark the outbox relay against Spring Modulith's event publication registry.",
					"./orderflow bench-outbox --help lists its options." })
	static final class BenchOutbox extends InBenchmarksJar {

	}

}

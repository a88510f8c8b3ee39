package io.orderflow.benchmarks.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.orderflow.benchmarks.BenchmarksCli;
import io.orderflow.dlt.CommandLines;
import io.orderflow.localrun.chaos.ChaosSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code ./orderflow bench}: runs {@link PipelineBenchmark} on a stack of its own.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = {
		"Benchmark the pipeline against its anchors in one run, on a stack of its own.",
		"Starts a stack (free ports, files in .orderflow-bench/; embedded PostgreSQL with fsync and"
				+ " synchronous_commit on, or the server SPRING_DATASOURCE_URL names) and measures per round: one order"
				+ " per transaction with the api's statements in plain JDBC and pgbench (8 and 32 connections), Kafka's"
				+ " own producer and consumer, HTTP intake as closed loops (8 and 32 connections) and as an open loop"
				+ " at half the best closed-loop rate, with each open-loop order's end-to-end latency from the database;"
				+ " then the api's per-order INFO line on and off in alternating pairs of loops, the relay against a plain"
				+ " producer, the drain of a backlog by 1 and by 2 workers, a worker joining and"
				+ " leaving a drain, and the cleanup job against one DELETE and under intake. Prints the figures with"
				+ " their ratios, where the CPU went and every target of issues #12 and #13 met or missed, and writes bench-report/"
				+ " (report.md and PNG charts)." })
public final class PipelineBenchmarkCli implements Callable<Integer> {

	@ParentCommand
	private BenchmarksCli cli;

	@Option(names = "--rounds", paramLabel = "N", converter = CommandLines.Positive.class,
			description = "rounds; the report gives medians (default: 3; 1 with --quick)")
	private Integer rounds;

	@Option(names = "--duration", paramLabel = "D", converter = PhaseDuration.class,
			description = "length of each phase: seconds (10, 10s) or minutes (1m) (default: 10s; 1s with --quick)")
	private Duration duration;

	@Option(names = "--backlog", paramLabel = "N", converter = CommandLines.Positive.class,
			description = "orders of the backlog drained by 1 and then by 2 workers (default: 200000; 2000 with --quick)")
	private Integer backlog;

	@Option(names = "--cleanup-rows", paramLabel = "N", converter = CommandLines.Positive.class,
			description = "expired audit rows deleted by the cleanup job and by one DELETE (default: 5000000; 20000 with --quick)")
	private Integer cleanupRows;

	@Option(names = "--quick",
			description = "a smoke run for CI: 1 s phases, small numbers; checks that the report is written")
	private boolean quick;

	@Option(names = "--report", paramLabel = "DIR",
			description = "where report.md and the charts go (default: bench-report/ in the repository)")
	private Path report;

	@Override
	public Integer call() throws InterruptedException {
		Path home = this.cli.home();
		Path reportDirectory = (this.report != null) ? this.report : home.resolve("bench-report");
		Path work = home.resolve(".orderflow-bench");
		BenchSettings settings = this.quick
				? BenchSettings.quick((this.rounds != null) ? this.rounds : 1,
						(this.backlog != null) ? this.backlog : BenchSettings.QUICK_BACKLOG, reportDirectory, work)
				: BenchSettings.standard((this.rounds != null) ? this.rounds : BenchSettings.DEFAULT_ROUNDS,
						(this.duration != null) ? this.duration : BenchSettings.DEFAULT_PHASE,
						(this.backlog != null) ? this.backlog : BenchSettings.DEFAULT_BACKLOG, reportDirectory, work);
		if (this.cleanupRows != null) {
			settings = settings.withCleanupRows(this.cleanupRows);
		}
		PipelineBenchmark.run(home, settings, this.cli.out());
		return 0;
	}

	/** {@code --duration}: at least one second. */
	static final class PhaseDuration implements ITypeConverter<Duration> {

		@Override
		public Duration convert(String value) {
			Duration duration;
			try {
				duration = ChaosSettings.parseDuration(value);
			}
			catch (IllegalArgumentException ex) {
				throw new TypeConversionException(ex.getMessage());
			}
			if (duration.toSeconds() < 1) {
				throw new TypeConversionException("must be at least 1 s, got " + value);
			}
			return duration;
		}

	}

}

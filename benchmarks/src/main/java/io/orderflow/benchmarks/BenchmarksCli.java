package io.orderflow.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.orderflow.benchmarks.outbox.OutboxBenchmarkCli;
import io.orderflow.benchmarks.pipeline.PipelineBenchmarkCli;
import io.orderflow.dlt.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Entry point of the benchmarks jar, which the {@code ./orderflow} script runs for
 * {@code ./orderflow bench} and {@code ./orderflow bench-outbox}.
 */
@Command(name = "orderflow", mixinStandardHelpOptions = true, versionProvider = CommandLines.Version.class,
		subcommands = { PipelineBenchmarkCli.class, OutboxBenchmarkCli.class },
		description = "The benchmarks of orderflow. ./orderflow COMMAND --help tells more about one.")
public final class BenchmarksCli implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	private final PrintStream out;

	private final Path home;

	/**
	 * @param out where the benchmarks report their progress and results
	 * @param home the repository root, holding the built service jars
	 */
	BenchmarksCli(PrintStream out, Path home) {
		this.out = out;
		this.home = home;
	}

	public static void main(String[] args) {
		// Before the first logger is created: the benchmarks print their own progress,
		// libraries only warnings.
		System.setProperty("logback.configurationFile", "orderflow-cli-logback.xml");
		Path home = Path.of(System.getProperty("orderflow.home", ".")).toAbsolutePath().normalize();
		CommandLine commandLine = CommandLines.create(new BenchmarksCli(System.out, home));
		int exitCode = commandLine.execute(args);
		commandLine.getOut().flush();
		// Exits even though a benchmark's Spring contexts or clients may leave non-daemon
		// threads behind.
		System.exit(exitCode);
	}

	/** No benchmark named. */
	@Override
	public Integer call() {
		throw new ParameterException(this.spec.commandLine(), "Name a benchmark: bench or bench-outbox");
	}

	public PrintStream out() {
		return this.out;
	}

	public Path home() {
		return this.home;
	}

}

package io.orderflow.localrun;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.orderflow.dlt.CommandLines;
import io.orderflow.dlt.DeadLetterTool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Entry point of the {@code ./orderflow} script: {@code up} runs the whole system
 * locally, {@code demo} submits a batch of orders to it, {@code chaos} proves it survives
 * faults, and {@code dlt} inspects and replays dead letters. {@code bench} and
 * {@code bench-outbox} are listed here too, but the script runs them from the benchmarks
 * jar.
 */
@Command(name = "orderflow", mixinStandardHelpOptions = true, versionProvider = CommandLines.Version.class,
		subcommands = { UpCommand.class, DemoCommand.class, ChaosCommand.class, DeadLetterTool.class,
				BenchmarkCommands.Bench.class, BenchmarkCommands.BenchOutbox.class, HelpCommand.class },
		description = "Runs orderflow on this machine. ./orderflow COMMAND --help tells more about a command.")
public final class OrderflowCli implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	private final PrintStream out;

	private final Path home;

	/**
	 * @param out where {@code up}, {@code demo} and {@code chaos} report their progress
	 * @param home the repository root, holding the built service jars
	 */
	OrderflowCli(PrintStream out, Path home) {
		this.out = out;
		this.home = home;
	}

	public static void main(String[] args) {
		// Before the first logger is created: the CLI prints its own progress, libraries
		// only warnings.
		System.setProperty("logback.configurationFile", "orderflow-cli-logback.xml");
		Path home = Path.of(System.getProperty("orderflow.home", ".")).toAbsolutePath().normalize();
		CommandLine commandLine = CommandLines.create(new OrderflowCli(System.out, home));
		int exitCode = commandLine.execute(args);
		commandLine.getOut().flush();
		System.exit(exitCode);
	}

	/** {@code ./orderflow} alone: the usage. */
	@Override
	public Integer call() {
		this.spec.commandLine().usage(this.spec.commandLine().getOut());
		return 0;
	}

	PrintStream out() {
		return this.out;
	}

	Path home() {
		return this.home;
	}

}

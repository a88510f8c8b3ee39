package io.orderflow.localrun;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.orderflow.localrun.chaos.ChaosReport;
import io.orderflow.localrun.chaos.ChaosRun;
import io.orderflow.localrun.chaos.ChaosSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ./orderflow chaos}: on a stack of its own, in {@code .orderflow-chaos/}, so a
 * running {@code up} is never disturbed. Exit code 0 when no invariant was violated, 1
 * otherwise.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true, description = {
		"Prove that every accepted order ends COMPLETED or REJECTED exactly once, under faults.",
		"On a stack of its own (3 workers, 2 api replicas by default; free ports, files in .orderflow-chaos/),"
				+ " submit orders for D (default 3m; 300, 300s, 3m) while killing a worker every 10 s, restarting"
				+ " the broker, stopping PostgreSQL for 15 s, producing poison records and sending malformed"
				+ " requests; then check that every accepted order ended COMPLETED or REJECTED exactly once and"
				+ " stock was conserved. S (default random, printed) repeats a run's schedule. Exit 1 on any"
				+ " violation." })
final class ChaosCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@ParentCommand
	private OrderflowCli cli;

	@Option(names = "--duration", paramLabel = "D", defaultValue = ChaosSettings.DEFAULT_DURATION,
			converter = OptionConverters.ChaosDuration.class,
			description = "how long orders are submitted and faults injected: seconds (300, 300s), minutes (3m)"
					+ " or hours (1h), at least 60 s (default: ${DEFAULT-VALUE})")
	private Duration duration;

	@Option(names = "--seed", paramLabel = "S",
			description = "plans the faults, victims and orders, so a run can be repeated (default: random, printed)")
	private Long seed;

	@Option(names = "--workers", paramLabel = "N", defaultValue = "3", converter = OptionConverters.ChaosWorkers.class,
			description = "worker processes, 2 to " + LocalStack.MAX_WORKERS + " (default: ${DEFAULT-VALUE})")
	private int workers;

	@Option(names = "--apis", paramLabel = "N", defaultValue = "2", converter = OptionConverters.Apis.class,
			description = "api-service replicas, 1 to " + LocalStack.MAX_APIS + " (default: ${DEFAULT-VALUE})")
	private int apis;

	@Override
	public Integer call() throws InterruptedException {
		ChaosSettings settings = settings();
		PrintStream out = this.cli.out();
		Path home = this.cli.home();
		ChaosReport report = new ChaosRun(home, home.resolve(".orderflow-chaos"), settings, out).run();
		report.print(out);
		return report.passed() ? 0 : 1;
	}

	/** The settings of the run; a usage error if they do not make a run (too short). */
	ChaosSettings settings() {
		long seed = (this.seed != null) ? this.seed : new SecureRandom().nextLong() & Long.MAX_VALUE;
		try {
			return new ChaosSettings(this.duration, seed, this.workers, this.apis,
					ChaosSettings.DEFAULT_ORDERS_PER_SECOND);
		}
		catch (IllegalArgumentException ex) {
			throw new ParameterException(this.spec.commandLine(), ex.getMessage(), ex);
		}
	}

}

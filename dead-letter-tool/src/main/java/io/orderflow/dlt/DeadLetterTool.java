package io.orderflow.dlt;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./orderflow dlt}, and this module's jar on its own: lists, shows and replays the
 * records of the dead-letter topic. Exit codes: 0 on success, 1 if a record was refused
 * or Kafka failed, 2 on a usage error.
 */
@Command(name = "dlt", mixinStandardHelpOptions = true, versionProvider = CommandLines.Version.class,
		subcommands = { DltSubcommand.ListDeadLetters.class, DltSubcommand.ShowDeadLetters.class,
				DltSubcommand.ReplayDeadLetters.class },
		description = { "List, show and replay the dead letters in orders-dlt.",
				"Kafka: --bootstrap-servers, else SPRING_KAFKA_BOOTSTRAP_SERVERS,%n  else "
						+ DltOptions.DEFAULT_BOOTSTRAP_SERVERS + "." })
public final class DeadLetterTool implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	private final Map<String, String> environment;

	/** With the environment of this process, which may name the bootstrap servers. */
	public DeadLetterTool() {
		this(System.getenv());
	}

	DeadLetterTool(Map<String, String> environment) {
		this.environment = Map.copyOf(environment);
	}

	/**
	 * Runs on its own, from this module's jar:
	 * {@code java -jar dead-letter-tool-*-exec.jar list}.
	 */
	public static void main(String[] args) {
		// Before the first logger is created: the tool prints its own output, the Kafka
		// client only errors.
		System.setProperty("logback.configurationFile", "dead-letter-tool-logback.xml");
		CommandLine commandLine = CommandLines.create(new DeadLetterTool()).setCommandName("dead-letter-tool");
		int exitCode = commandLine.execute(args);
		commandLine.getOut().flush();
		System.exit(exitCode);
	}

	/**
	 * Runs {@code dlt} with the arguments after it, writing UTF-8 to {@code out} and
	 * {@code err}, and returns the exit code: 0 on success, 1 if a record was refused or
	 * Kafka failed, 2 on a usage error (reported on {@code err} with the usage of the
	 * subcommand).
	 */
	public static int run(List<String> args, PrintStream out, PrintStream err) {
		PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
		PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
		try {
			return CommandLines.create(new DeadLetterTool())
				.setOut(outWriter)
				.setErr(errWriter)
				.execute(args.toArray(String[]::new));
		}
		finally {
			outWriter.flush();
			errWriter.flush();
		}
	}

	/** {@code dlt} alone: a subcommand is missing. */
	@Override
	public Integer call() {
		throw new ParameterException(this.spec.commandLine(), "dlt needs a subcommand: list, show or replay");
	}

	/** The bootstrap servers when {@code --bootstrap-servers} is not given. */
	String bootstrapServers() {
		String servers = this.environment.getOrDefault("SPRING_KAFKA_BOOTSTRAP_SERVERS", "");
		return servers.isBlank() ? DltOptions.DEFAULT_BOOTSTRAP_SERVERS : servers;
	}

	/**
	 * Runs a parsed subcommand; returns the exit code: 0 on success, 1 if a record was
	 * refused or Kafka failed.
	 */
	int execute(DltOptions options, PrintWriter out, PrintWriter err) {
		try (DeadLetterTopic topic = DeadLetterTopic.open(options.bootstrapServers(), options.topic())) {
			return switch (options.command()) {
				case LIST -> scan(topic, options, new ListCommand(out), out);
				case SHOW -> scan(topic, options, new ShowCommand(out), out);
				case REPLAY -> replay(topic, options, out);
			};
		}
		catch (DltException ex) {
			err.printf("orderflow dlt: %s (Kafka at %s)%n", ex.getMessage(), options.bootstrapServers());
		}
		catch (TimeoutException ex) {
			err.printf(
					"orderflow dlt: Kafka at %s did not answer within %d s: is it running? Name another broker with"
							+ " --bootstrap-servers or SPRING_KAFKA_BOOTSTRAP_SERVERS. (%s)%n",
					options.bootstrapServers(), DeadLetterTopic.API_TIMEOUT.toSeconds(), ex.getMessage());
		}
		catch (KafkaException ex) {
			String cause = (ex.getCause() != null) ? ": " + ex.getCause().getMessage() : "";
			err.printf("orderflow dlt: Kafka at %s failed: %s%s%n", options.bootstrapServers(), ex.getMessage(), cause);
		}
		return 1;
	}

	private static int replay(DeadLetterTopic topic, DltOptions options, PrintWriter out) {
		if (!options.execute()) {
			return scan(topic, options, ReplayCommand.dryRun(options.replay(), out), out);
		}
		String target = options.replay().target();
		// A producer waits for a missing topic until it times out; the consumer knows at
		// once.
		if (!topic.hasTopic(target)) {
			throw new DltException("there is no target topic '" + target + "'; nothing was published");
		}
		try (ReplayPublisher publisher = ReplayPublisher.open(options.bootstrapServers())) {
			return scan(topic, options, ReplayCommand.execute(options.replay(), publisher, out), out);
		}
	}

	private static int scan(DeadLetterTopic topic, DltOptions options, DeadLetterCommand command, PrintWriter out) {
		long scanned = topic.scan(options.selection(), (count, total) -> out.printf("scanned %d/%d%n", count, total),
				command::accept);
		return command.finish(scanned);
	}

}

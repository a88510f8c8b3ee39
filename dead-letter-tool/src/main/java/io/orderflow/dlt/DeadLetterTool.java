package io.orderflow.dlt;

import java.io.PrintStream;
import java.util.List;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Entry point of {@code ./orderflow dlt}: lists, shows and replays the records of the
 * dead-letter topic.
 */
public final class DeadLetterTool {

	/** The lines of the {@code ./orderflow} usage that describe {@code dlt}. */
	public static final String USAGE = """
			  dlt list   [selectors] [--topic T] [--bootstrap-servers HOST:PORT]
			       One line per dead letter in orders-dlt (read without a consumer group, nothing committed).
			  dlt show   [selectors] [--topic T] [--bootstrap-servers HOST:PORT]
			       Every header, the full stack trace and the value of each selected dead letter.
			  dlt replay <selectors> [--execute] [--max-replays N] [--target T] [--topic T] [--bootstrap-servers HOST:PORT]
			       Re-publish the selected dead letters to orders. A dry run unless --execute is given;
			       records replayed N times already (default 3) are refused.
			  Selectors, all of which must match: --all, --partition P [--offset O], --exception NAME,
			       --since INSTANT, --until INSTANT (ISO-8601 such as 2026-11-23T10:00:00Z; until is exclusive).
			  Kafka: --bootstrap-servers, else SPRING_KAFKA_BOOTSTRAP_SERVERS, else 127.0.0.1:9092.
			""";

	private DeadLetterTool() {
	}

	/** Runs on its own, from this module's jar: {@code java -jar dead-letter-tool-*-exec.jar list}. */
	public static void main(String[] args) {
		// Before the first logger is created: the tool prints its own output, the Kafka client only errors.
		System.setProperty("logback.configurationFile", "dead-letter-tool-logback.xml");
		try {
			System.exit(run(List.of(args), System.out, System.err));
		}
		catch (IllegalArgumentException ex) {
			System.err.println("dead-letter-tool: " + ex.getMessage());
			System.err.print(USAGE);
			System.exit(2);
		}
	}

	/**
	 * Runs {@code dlt} with the arguments after it and returns the exit code: 0 on success, 1 if a
	 * record was refused or Kafka failed. Throws {@link IllegalArgumentException} for a usage error.
	 */
	public static int run(List<String> args, PrintStream out, PrintStream err) {
		DltOptions options = DltOptions.parse(args);
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
			err.printf("orderflow dlt: Kafka at %s did not answer within %d s: is it running? Name another broker with"
					+ " --bootstrap-servers or SPRING_KAFKA_BOOTSTRAP_SERVERS. (%s)%n", options.bootstrapServers(),
					DeadLetterTopic.API_TIMEOUT.toSeconds(), ex.getMessage());
		}
		catch (KafkaException ex) {
			String cause = (ex.getCause() != null) ? ": " + ex.getCause().getMessage() : "";
			err.printf("orderflow dlt: Kafka at %s failed: %s%s%n", options.bootstrapServers(), ex.getMessage(), cause);
		}
		return 1;
	}

	private static int replay(DeadLetterTopic topic, DltOptions options, PrintStream out) {
		if (!options.execute()) {
			return scan(topic, options, ReplayCommand.dryRun(options.replay(), out), out);
		}
		String target = options.replay().target();
		// A producer waits for a missing topic until it times out; the consumer knows at once.
		if (!topic.hasTopic(target)) {
			throw new DltException("there is no target topic '" + target + "'; nothing was published");
		}
		try (ReplayPublisher publisher = ReplayPublisher.open(options.bootstrapServers())) {
			return scan(topic, options, ReplayCommand.execute(options.replay(), publisher, out), out);
		}
	}

	private static int scan(DeadLetterTopic topic, DltOptions options, DeadLetterCommand command, PrintStream out) {
		long scanned = topic.scan(options.selection(),
				(count, total) -> out.printf("scanned %d/%d%n", count, total), command::accept);
		return command.finish(scanned);
	}

}

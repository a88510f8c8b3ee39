package io.orderflow.dlt;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.orderflow.common.messaging.Topics;

/**
 * The parsed arguments of {@code ./orderflow dlt <list|show|replay> [options]}. Parsing fails with
 * an {@link IllegalArgumentException} whose message tells the operator what to change.
 *
 * @param command the subcommand
 * @param selection which dead letters the command works on
 * @param bootstrapServers the Kafka bootstrap servers
 * @param topic the dead-letter topic
 * @param replay where replays go and how often a record may be replayed
 * @param execute whether a replay publishes (otherwise it is a dry run)
 */
record DltOptions(Command command, DltSelection selection, String bootstrapServers, String topic, ReplayPlan replay,
		boolean execute) {

	static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";

	static final int DEFAULT_MAX_REPLAYS = 3;

	static final String SELECTORS = "--all, --partition P [--offset O], --exception NAME, --since INSTANT, --until INSTANT";

	private static final Set<String> REPLAY_ONLY = Set.of("--execute", "--dry-run", "--max-replays", "--target");

	/** The dead-letter subcommands. */
	enum Command {

		LIST, SHOW, REPLAY;

		String displayName() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** Parses the arguments after {@code dlt}, with defaults from the process environment. */
	static DltOptions parse(List<String> args) {
		return parse(args, System.getenv());
	}

	/** Parses the arguments after {@code dlt}; {@code environment} may name the bootstrap servers. */
	static DltOptions parse(List<String> args, Map<String, String> environment) {
		if (args.isEmpty()) {
			throw new IllegalArgumentException("dlt needs a subcommand: list, show or replay");
		}
		Command command = command(args.get(0));
		String bootstrapServers = environment.getOrDefault("SPRING_KAFKA_BOOTSTRAP_SERVERS", "");
		if (bootstrapServers.isBlank()) {
			bootstrapServers = DEFAULT_BOOTSTRAP_SERVERS;
		}
		String topic = Topics.ORDERS_DLT;
		String target = Topics.ORDERS;
		boolean all = false;
		Integer partition = null;
		Long offset = null;
		String exception = null;
		Instant since = null;
		Instant until = null;
		boolean execute = false;
		boolean dryRun = false;
		int maxReplays = DEFAULT_MAX_REPLAYS;
		Set<String> seen = new HashSet<>();
		for (Iterator<String> it = args.subList(1, args.size()).iterator(); it.hasNext();) {
			String option = it.next();
			if (REPLAY_ONLY.contains(option) && command != Command.REPLAY) {
				throw new IllegalArgumentException(option + " is an option of dlt replay, not of dlt " + command.displayName());
			}
			if (!seen.add(option)) {
				throw new IllegalArgumentException(option + " is given twice");
			}
			switch (option) {
				case "--all" -> all = true;
				case "--partition" -> partition = (int) number(option, it, Integer.MAX_VALUE);
				case "--offset" -> offset = number(option, it, Long.MAX_VALUE);
				case "--exception" -> exception = value(option, it);
				case "--since" -> since = instant(option, it);
				case "--until" -> until = instant(option, it);
				case "--bootstrap-servers" -> bootstrapServers = value(option, it);
				case "--topic" -> topic = value(option, it);
				case "--target" -> target = value(option, it);
				case "--execute" -> execute = true;
				case "--dry-run" -> dryRun = true;
				case "--max-replays" -> maxReplays = (int) number(option, it, Integer.MAX_VALUE);
				default -> throw new IllegalArgumentException(
						"Unknown option '" + option + "' for dlt " + command.displayName());
			}
		}
		if (execute && dryRun) {
			throw new IllegalArgumentException("--execute and --dry-run exclude each other");
		}
		DltSelection selection = new DltSelection(all, partition, offset, exception, since, until);
		if (command == Command.REPLAY && selection.isEmpty()) {
			// Replaying the whole topic by accident would re-run every failure; make it a decision.
			throw new IllegalArgumentException("dlt replay needs at least one selector: " + SELECTORS);
		}
		return new DltOptions(command, selection, bootstrapServers, topic, new ReplayPlan(target, maxReplays), execute);
	}

	private static Command command(String name) {
		for (Command command : Command.values()) {
			if (command.displayName().equals(name)) {
				return command;
			}
		}
		throw new IllegalArgumentException("Unknown dlt subcommand '" + name + "': use list, show or replay");
	}

	private static long number(String option, Iterator<String> it, long max) {
		String value = value(option, it);
		try {
			long number = Long.parseLong(value);
			if (number < 0 || number > max) {
				throw new IllegalArgumentException(option + " takes a whole number from 0 to " + max + ", got " + value);
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(option + " takes a whole number, got '" + value + "'");
		}
	}

	private static Instant instant(String option, Iterator<String> it) {
		String value = value(option, it);
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(
					option + " takes an ISO-8601 instant such as 2026-11-23T10:00:00Z, got '" + value + "'");
		}
	}

	private static String value(String option, Iterator<String> it) {
		if (!it.hasNext()) {
			throw new IllegalArgumentException(option + " needs a value");
		}
		return it.next();
	}

}

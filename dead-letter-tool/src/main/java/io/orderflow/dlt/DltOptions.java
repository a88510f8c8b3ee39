package io.orderflow.dlt;

import java.util.Locale;

/**
 * What one {@code ./orderflow dlt <list|show|replay>} run does, as {@link DltSubcommand}
 * parsed it from the command line.
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

	/** The dead-letter subcommands. */
	enum Command {

		LIST, SHOW, REPLAY;

		String displayName() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}

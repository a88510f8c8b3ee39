package io.orderflow.dlt;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import io.orderflow.common.messaging.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A subcommand of {@code dlt}, with the selectors and Kafka options that all of them
 * share. It turns what was given into {@link DltOptions} and runs them with
 * {@link DeadLetterTool}.
 */
abstract class DltSubcommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@ParentCommand
	private DeadLetterTool tool;

	@Option(names = "--all",
			description = "every record; list and show select everything without it, replay needs it (or another selector)")
	private boolean all;

	@Option(names = "--partition", paramLabel = "P", converter = CommandLines.NonNegative.class,
			description = "records of dead-letter partition P")
	private Integer partition;

	@Option(names = "--offset", paramLabel = "O", converter = OffsetConverter.class,
			description = "with --partition: the record at offset O")
	private Long offset;

	@Option(names = "--exception", paramLabel = "NAME",
			description = "records whose exception or root cause is NAME: a simple (OrderNotFoundException) or fully qualified class name")
	private String exception;

	@Option(names = "--since", paramLabel = "INSTANT", converter = InstantConverter.class,
			description = "dead-lettered at or after an ISO-8601 instant such as 2026-11-23T10:00:00Z")
	private Instant since;

	@Option(names = "--until", paramLabel = "INSTANT", converter = InstantConverter.class,
			description = "dead-lettered before an ISO-8601 instant (exclusive)")
	private Instant until;

	@Option(names = "--topic", paramLabel = "T", defaultValue = Topics.ORDERS_DLT,
			description = "dead-letter topic to read (default: ${DEFAULT-VALUE})")
	private String topic;

	@Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
			description = "Kafka broker (default: SPRING_KAFKA_BOOTSTRAP_SERVERS, else "
					+ DltOptions.DEFAULT_BOOTSTRAP_SERVERS + ")")
	private String bootstrapServers;

	@Override
	public Integer call() {
		return this.tool.execute(options(), this.spec.commandLine().getOut(), this.spec.commandLine().getErr());
	}

	/**
	 * What was given, as {@link DltOptions}; a {@link ParameterException} for a
	 * combination that makes no sense, so that it is reported as a usage error.
	 */
	DltOptions options() {
		DltSelection selection;
		try {
			selection = new DltSelection(this.all, this.partition, this.offset, this.exception, this.since, this.until);
		}
		catch (IllegalArgumentException ex) {
			throw usageError(ex.getMessage());
		}
		String servers = (this.bootstrapServers != null) ? this.bootstrapServers : this.tool.bootstrapServers();
		return options(selection, servers, this.topic);
	}

	abstract DltOptions options(DltSelection selection, String bootstrapServers, String topic);

	ParameterException usageError(String message) {
		return new ParameterException(this.spec.commandLine(), message);
	}

	CommandSpec spec() {
		return this.spec;
	}

	/**
	 * {@code dlt list} and {@code dlt show}: they read only. An option of {@code replay}
	 * given to them is refused as such: they collect what they do not know instead of
	 * letting picocli call it unknown (and suggest {@code --exception} for
	 * {@code --execute}); anything else is still reported as unknown.
	 */
	abstract static class Scan extends DltSubcommand {

		private static final Set<String> REPLAY_ONLY = Set.of("--execute", "--dry-run", "--max-replays", "--target");

		private final DltOptions.Command command;

		@Unmatched
		private List<String> unmatched = new ArrayList<>();

		Scan(DltOptions.Command command) {
			this.command = command;
		}

		@Override
		DltOptions options() {
			if (!this.unmatched.isEmpty()) {
				String option = this.unmatched.get(0).split("=", 2)[0];
				if (REPLAY_ONLY.contains(option)) {
					throw usageError(option + " is an option of dlt replay, not of dlt " + this.command.displayName());
				}
				throw new UnmatchedArgumentException(spec().commandLine(), this.unmatched);
			}
			return super.options();
		}

		@Override
		DltOptions options(DltSelection selection, String bootstrapServers, String topic) {
			return new DltOptions(this.command, selection, bootstrapServers, topic,
					new ReplayPlan(Topics.ORDERS, DltOptions.DEFAULT_MAX_REPLAYS), false);
		}

	}

	@Command(name = "list", mixinStandardHelpOptions = true,
			description = {
					"One line per dead letter in orders-dlt (read without a consumer group, nothing committed).",
					"Selectors, all of which must match: " + DltOptions.SELECTORS + "." })
	static final class ListDeadLetters extends Scan {

		ListDeadLetters() {
			super(DltOptions.Command.LIST);
		}

	}

	@Command(name = "show", mixinStandardHelpOptions = true,
			description = { "Every header, the full stack trace and the value of each selected dead letter.",
					"Selectors, all of which must match: " + DltOptions.SELECTORS + "." })
	static final class ShowDeadLetters extends Scan {

		ShowDeadLetters() {
			super(DltOptions.Command.SHOW);
		}

	}

	@Command(name = "replay", mixinStandardHelpOptions = true, description = {
			"Re-publish the selected dead letters to orders. A dry run unless --execute is given; records replayed"
					+ " N times already (default " + DltOptions.DEFAULT_MAX_REPLAYS + ") are refused.",
			"Needs at least one selector, all of which must match: " + DltOptions.SELECTORS + "." })
	static final class ReplayDeadLetters extends DltSubcommand {

		@Option(names = "--execute", description = "publish (default: dry run)")
		private boolean execute;

		@Option(names = "--dry-run", description = "only say what would be published (the default)")
		private boolean dryRun;

		@Option(names = "--max-replays", paramLabel = "N", defaultValue = "" + DltOptions.DEFAULT_MAX_REPLAYS,
				converter = CommandLines.Positive.class,
				description = "refuse records replayed N times already (default: ${DEFAULT-VALUE})")
		private int maxReplays;

		@Option(names = "--target", paramLabel = "T", defaultValue = Topics.ORDERS,
				description = "topic to publish to (default: ${DEFAULT-VALUE})")
		private String target;

		@Override
		DltOptions options(DltSelection selection, String bootstrapServers, String topic) {
			if (this.execute && this.dryRun) {
				throw usageError("--execute and --dry-run exclude each other");
			}
			if (selection.isEmpty()) {
				// Replaying the whole topic by accident would re-run every failure; make
				// it a decision.
				throw usageError("dlt replay needs at least one selector: " + DltOptions.SELECTORS);
			}
			return new DltOptions(DltOptions.Command.REPLAY, selection, bootstrapServers, topic,
					new ReplayPlan(this.target, this.maxReplays), this.execute);
		}

	}

	/** A Kafka offset: a whole number of at least 0. */
	static final class OffsetConverter implements ITypeConverter<Long> {

		@Override
		public Long convert(String value) {
			long offset;
			try {
				offset = Long.parseLong(value);
			}
			catch (NumberFormatException ex) {
				throw new TypeConversionException("'" + value + "' is not a whole number");
			}
			if (offset < 0) {
				throw new TypeConversionException("must be at least 0, got " + offset);
			}
			return offset;
		}

	}

	/** An ISO-8601 instant such as {@code 2026-11-23T10:00:00Z}. */
	static final class InstantConverter implements ITypeConverter<Instant> {

		@Override
		public Instant convert(String value) {
			try {
				return Instant.parse(value);
			}
			catch (DateTimeParseException ex) {
				throw new TypeConversionException(
						"'" + value + "' is not an ISO-8601 instant such as 2026-11-23T10:00:00Z");
			}
		}

	}

}

package io.orderflow.dlt;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the {@link DltOptions} that the {@code dlt} subcommands parse from their
 * arguments.
 */
class DltOptionsTests {

	@Test
	void listReadsOrdersDltOnTheLocalBrokerByDefault() {
		DltOptions options = parse("list");

		assertThat(options.command()).isEqualTo(DltOptions.Command.LIST);
		assertThat(options.topic()).isEqualTo("orders-dlt");
		assertThat(options.bootstrapServers()).isEqualTo("127.0.0.1:9092");
		assertThat(options.selection().isEmpty()).isTrue();
		assertThat(options.replay()).isEqualTo(new ReplayPlan("orders", 3));
		assertThat(options.execute()).isFalse();
	}

	@Test
	void bootstrapServersComeFromTheEnvironmentUnlessGiven() {
		Map<String, String> environment = Map.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092");

		assertThat(DltArguments.parse(environment, "list").bootstrapServers()).isEqualTo("kafka-1:9092");
		assertThat(DltArguments.parse(environment, "list", "--bootstrap-servers", "kafka-2:9093").bootstrapServers())
			.isEqualTo("kafka-2:9093");
		assertThat(DltArguments.parse(Map.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", " "), "list").bootstrapServers())
			.isEqualTo("127.0.0.1:9092");
	}

	@Test
	void everySelectorIsParsed() {
		DltSelection selection = parse("show", "--all", "--partition", "2", "--offset", "17", "--exception",
				"IllegalStateException", "--since", "2026-11-23T10:00:00Z", "--until", "2026-11-23T11:00:00Z")
			.selection();

		assertThat(selection).isEqualTo(new DltSelection(true, 2, 17L, "IllegalStateException",
				Instant.parse("2026-11-23T10:00:00Z"), Instant.parse("2026-11-23T11:00:00Z")));
	}

	@Test
	void replayIsADryRunUnlessExecuteIsGiven() {
		assertThat(parse("replay", "--all").execute()).isFalse();
		assertThat(parse("replay", "--all", "--dry-run").execute()).isFalse();
		DltOptions execute = parse("replay", "--partition", "1", "--execute", "--max-replays", "5", "--target",
				"orders-copy", "--topic", "orders-copy-dlt");
		assertThat(execute.execute()).isTrue();
		assertThat(execute.replay()).isEqualTo(new ReplayPlan("orders-copy", 5));
		assertThat(execute.topic()).isEqualTo("orders-copy-dlt");
	}

	@Test
	void replayWithoutSelectorIsRejectedWithTheListOfSelectors() {
		assertThatExceptionOfType(ParameterException.class).isThrownBy(() -> parse("replay", "--execute"))
			.withMessage("dlt replay needs at least one selector: --all, --partition P [--offset O], "
					+ "--exception NAME, --since INSTANT, --until INSTANT");
	}

	@Test
	void unknownOptionIsRejected() {
		assertThatExceptionOfType(UnmatchedArgumentException.class).isThrownBy(() -> parse("list", "--partitions", "2"))
			.withMessage("Unknown options: '--partitions', '2'")
			.satisfies((ex) -> assertThat(ex.getCommandLine().getCommandSpec().qualifiedName()).isEqualTo("dlt list"));
	}

	@Test
	void missingOrUnknownSubcommandIsRejected() {
		StringWriter err = new StringWriter();
		CommandLine commandLine = CommandLines.create(new DeadLetterTool(Map.of()))
			.setOut(new PrintWriter(new StringWriter()))
			.setErr(new PrintWriter(err, true));
		assertThat(commandLine.execute()).isEqualTo(2);
		assertThat(err.toString()).startsWith("dlt needs a subcommand: list, show or replay\nUsage: dlt ");

		assertThatExceptionOfType(UnmatchedArgumentException.class).isThrownBy(() -> parse("purge", "--all"))
			.withMessage("Unmatched arguments from index 0: 'purge', '--all'")
			.satisfies((ex) -> assertThat(ex.getCommandLine().getSubcommands()).containsOnlyKeys("list", "show",
					"replay"));
	}

	@Test
	void offsetWithoutPartitionIsRejected() {
		assertThatExceptionOfType(ParameterException.class).isThrownBy(() -> parse("replay", "--offset", "17"))
			.withMessage("--offset needs --partition: offsets are per partition");
	}

	@Test
	void badInstantIsRejected() {
		assertThatExceptionOfType(ParameterException.class).isThrownBy(() -> parse("list", "--since", "yesterday"))
			.withMessage("Invalid value for option '--since': "
					+ "'yesterday' is not an ISO-8601 instant such as 2026-11-23T10:00:00Z");
		assertThatExceptionOfType(ParameterException.class).isThrownBy(() -> parse("list", "--until", "2026-11-23"))
			.withMessageStartingWith("Invalid value for option '--until': '2026-11-23' is not an ISO-8601 instant");
	}

	@Test
	void sinceMustBeBeforeUntil() {
		assertThatExceptionOfType(ParameterException.class)
			.isThrownBy(() -> parse("list", "--since", "2026-11-23T11:00:00Z", "--until", "2026-11-23T10:00:00Z"))
			.withMessage("--since (2026-11-23T11:00:00Z) must be before --until (2026-11-23T10:00:00Z)");
	}

	@Test
	void badNumbersAreRejected() {
		assertThatExceptionOfType(ParameterException.class).isThrownBy(() -> parse("list", "--partition", "two"))
			.withMessage("Invalid value for option '--partition': 'two' is not a whole number");
		assertThatExceptionOfType(ParameterException.class).isThrownBy(() -> parse("list", "--partition", "-1"))
			.withMessage("Invalid value for option '--partition': must be at least 0, got -1");
		assertThatExceptionOfType(ParameterException.class)
			.isThrownBy(() -> parse("replay", "--all", "--max-replays", "0"))
			.withMessage("Invalid value for option '--max-replays': must be at least 1, got 0");
	}

	@Test
	void optionWithoutValueIsRejected() {
		assertThatExceptionOfType(MissingParameterException.class).isThrownBy(() -> parse("list", "--exception"))
			.withMessage("Missing required parameter for option '--exception' (NAME)");
	}

	@Test
	void optionGivenTwiceIsRejected() {
		assertThatExceptionOfType(OverwrittenOptionException.class)
			.isThrownBy(() -> parse("list", "--partition", "1", "--partition", "2"))
			.withMessage("option '--partition' (P) should be specified only once");
	}

	@Test
	void replayOptionsAreRejectedForTheOtherCommands() {
		assertThatExceptionOfType(ParameterException.class).isThrownBy(() -> parse("list", "--all", "--execute"))
			.withMessage("--execute is an option of dlt replay, not of dlt list");
		assertThatExceptionOfType(ParameterException.class).isThrownBy(() -> parse("show", "--target", "orders"))
			.withMessage("--target is an option of dlt replay, not of dlt show");
	}

	@Test
	void executeAndDryRunExcludeEachOther() {
		assertThatExceptionOfType(ParameterException.class)
			.isThrownBy(() -> parse("replay", "--all", "--execute", "--dry-run"))
			.withMessage("--execute and --dry-run exclude each other");
	}

	private static DltOptions parse(String... args) {
		return DltArguments.parse(Map.of(), args);
	}

}

package io.orderflow.dlt;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DltOptions}.
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

		assertThat(DltOptions.parse(List.of("list"), environment).bootstrapServers()).isEqualTo("kafka-1:9092");
		assertThat(DltOptions.parse(List.of("list", "--bootstrap-servers", "kafka-2:9093"), environment)
			.bootstrapServers()).isEqualTo("kafka-2:9093");
		assertThat(DltOptions.parse(List.of("list"), Map.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", " ")).bootstrapServers())
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
		assertThatIllegalArgumentException().isThrownBy(() -> parse("replay", "--execute"))
			.withMessage("dlt replay needs at least one selector: --all, --partition P [--offset O], "
					+ "--exception NAME, --since INSTANT, --until INSTANT");
	}

	@Test
	void unknownOptionIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse("list", "--partitions", "2"))
			.withMessage("Unknown option '--partitions' for dlt list");
	}

	@Test
	void missingOrUnknownSubcommandIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse())
			.withMessage("dlt needs a subcommand: list, show or replay");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("purge", "--all"))
			.withMessage("Unknown dlt subcommand 'purge': use list, show or replay");
	}

	@Test
	void offsetWithoutPartitionIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse("replay", "--offset", "17"))
			.withMessage("--offset needs --partition: offsets are per partition");
	}

	@Test
	void badInstantIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse("list", "--since", "yesterday"))
			.withMessage("--since takes an ISO-8601 instant such as 2026-11-23T10:00:00Z, got 'yesterday'");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("list", "--until", "2026-11-23"))
			.withMessageStartingWith("--until takes an ISO-8601 instant");
	}

	@Test
	void sinceMustBeBeforeUntil() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> parse("list", "--since", "2026-11-23T11:00:00Z", "--until", "2026-11-23T10:00:00Z"))
			.withMessage("--since (2026-11-23T11:00:00Z) must be before --until (2026-11-23T10:00:00Z)");
	}

	@Test
	void badNumbersAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse("list", "--partition", "two"))
			.withMessage("--partition takes a whole number, got 'two'");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("list", "--partition", "-1"))
			.withMessage("--partition takes a whole number from 0 to 2147483647, got -1");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("replay", "--all", "--max-replays", "0"))
			.withMessage("--max-replays must be at least 1, got 0");
	}

	@Test
	void optionWithoutValueIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse("list", "--exception"))
			.withMessage("--exception needs a value");
	}

	@Test
	void optionGivenTwiceIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse("list", "--partition", "1", "--partition", "2"))
			.withMessage("--partition is given twice");
	}

	@Test
	void replayOptionsAreRejectedForTheOtherCommands() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse("list", "--all", "--execute"))
			.withMessage("--execute is an option of dlt replay, not of dlt list");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("show", "--target", "orders"))
			.withMessage("--target is an option of dlt replay, not of dlt show");
	}

	@Test
	void executeAndDryRunExcludeEachOther() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse("replay", "--all", "--execute", "--dry-run"))
			.withMessage("--execute and --dry-run exclude each other");
	}

	private static DltOptions parse(String... args) {
		return DltOptions.parse(List.of(args), Map.of());
	}

}

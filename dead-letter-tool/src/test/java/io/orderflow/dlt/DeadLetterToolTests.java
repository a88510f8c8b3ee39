package io.orderflow.dlt;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the command line of {@link DeadLetterTool}: help, usage errors and exit
 * codes, without a broker.
 */
class DeadLetterToolTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			''      | Usage: dlt [-hV] [COMMAND]      | List, show and replay
			list    | Usage: dlt list [-hV] [--all]   | --partition=P
			show    | Usage: dlt show [-hV] [--all]   | --exception=NAME
			replay  | Usage: dlt replay [-hV] [--all] | --max-replays=N
			""")
	void helpOfEveryCommandPrintsItsUsageAndExitsZero(String command, String usage, String option) {
		Run run = execute(command.isEmpty() ? new String[] { "--help" } : new String[] { command, "--help" });

		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).startsWith(usage).contains(option).contains("-h, --help");
		assertThat(run.err()).isEmpty();
	}

	@Test
	void everySubcommandTakesTheSelectorsAndTheKafkaOptions() {
		for (String command : List.of("list", "show", "replay")) {
			assertThat(execute(command, "--help").out()).contains("--all", "--partition=P", "--offset=O",
					"--exception=NAME", "--since=INSTANT", "--until=INSTANT", "--topic=T",
					"--bootstrap-servers=HOST:PORT");
		}
		assertThat(execute("replay", "--help").out()).contains("--execute", "--dry-run", "--target=T",
				"refuse records replayed N times already (default: 3)", "topic to publish to (default: orders)");
	}

	@Test
	void anUnknownOptionIsAUsageErrorWithTheUsageOfItsCommand() {
		Run run = execute("list", "--bogus");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).startsWith("Unknown option: '--bogus'\n").contains("Usage: dlt list ");
		assertThat(run.out()).isEmpty();
	}

	@Test
	void aBadValueIsAUsageErrorNamingTheOption() {
		Run run = execute("show", "--partition", "x");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).startsWith("Invalid value for option '--partition': 'x' is not a whole number\n")
			.contains("Usage: dlt show ");
	}

	@Test
	void replayWithoutSelectorIsAUsageErrorOfReplay() {
		Run run = execute("replay", "--execute");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).startsWith("dlt replay needs at least one selector: ").contains("Usage: dlt replay ");
	}

	@Test
	void runReturnsTwoForAUsageErrorAndReportsItOnErr() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();

		int exitCode = DeadLetterTool.run(List.of("replay", "--max-replays", "0", "--all"),
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

		assertThat(exitCode).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8))
			.startsWith("Invalid value for option '--max-replays': must be at least 1, got 0\n");
		assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	private static Run execute(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exitCode = CommandLines.create(new DeadLetterTool(Map.of()))
			.setOut(new PrintWriter(out, true))
			.setErr(new PrintWriter(err, true))
			.execute(args);
		return new Run(exitCode, out.toString(), err.toString());
	}

	/** What one run printed and returned. */
	private record Run(int exitCode, String out, String err) {
	}

}

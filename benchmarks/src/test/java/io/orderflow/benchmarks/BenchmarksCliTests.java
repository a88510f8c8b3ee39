package io.orderflow.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.orderflow.dlt.CommandLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the command line of {@link BenchmarksCli}: help, usage errors and exit codes.
 * Nothing here runs a benchmark: every run ends in help or a usage error.
 */
class BenchmarksCliTests {

	private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					--help               | Usage: orderflow [-hV] [COMMAND]       | bench-outbox
					bench --help         | Usage: orderflow bench [-hV] [--quick]  | --rounds=N rounds; the report gives medians (default: 3; 1 with --quick)
					bench-outbox --help  | Usage: orderflow bench-outbox [-hV]    | --modulith-property=NAME=VALUE
					bench-outbox -h      | Usage: orderflow bench-outbox [-hV]    | --no-outage skip the broker outage scenario
					""")
	void helpOfEveryCommandPrintsItsUsageAndExitsZero(String args, String usage, String option) {
		Run run = execute(args.split(" "));

		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).startsWith(usage);
		assertThat(run.out().replaceAll("\\s+", " ")).contains(option);
		assertThat(run.err()).isEmpty();
		assertThat(this.progress.size()).isZero();
	}

	@Test
	void benchOutboxHelpShowsEveryOptionWithItsDefault() {
		String help = execute("bench-outbox", "--help").out().replaceAll("\\s+", " ");

		assertThat(help).contains("--rounds=N rounds (default: 3)",
				"--steady=N orders one at a time per round and contender (default: 300)",
				"--rate=N orders per second of the steady phase (default: 50)",
				"--burst=N orders of the burst phase (default: 5000)",
				"--threads=N threads submitting the burst (default: 8)",
				"--warmup=N unmeasured orders per contender before the first round (default: 1000)", "--no-outage",
				"--modulith-property=NAME=VALUE");
	}

	@Test
	void benchHelpShowsEveryOptionWithItsDefault() {
		String help = execute("bench", "--help").out().replaceAll("\\s+", " ");

		assertThat(help).contains("--rounds=N rounds; the report gives medians (default: 3; 1 with --quick)",
				"--duration=D length of each phase: seconds (10, 10s) or minutes (1m) (default: 10s; 1s with --quick)",
				"--quick a smoke run for CI", "--report=DIR where report.md and the charts go");
	}

	@Test
	void anUnknownOptionIsAUsageErrorWithTheUsageOfItsCommand() {
		Run run = execute("bench", "--fast");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).startsWith("Unknown option: '--fast'\n")
			.contains("Usage: orderflow bench [-hV] [--quick]");
		assertThat(this.progress.size()).isZero();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					bench --rounds 0                     | Invalid value for option '--rounds': must be at least 1, got 0
					bench --rounds                       | Missing required parameter for option '--rounds' (N)
					bench --duration 0                   | Invalid value for option '--duration': must be at least 1 s, got 0
					bench --duration 5x                  | Invalid value for option '--duration': --duration takes seconds (300, 300s), minutes (3m) or hours (1h), got '5x'
					bench-outbox --threads 0             | Invalid value for option '--threads': must be at least 1, got 0
					bench-outbox --warmup -1             | Invalid value for option '--warmup': must be at least 0, got -1
					bench-outbox --modulith-property x   | Invalid value for option '--modulith-property' (NAME=VALUE): 'x' is not NAME=VALUE
					""")
	void aBadValueIsAUsageErrorNamingTheOption(String args, String message) {
		Run run = execute(args.trim().split(" +"));

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).startsWith(message + "\n")
			.contains("Usage: orderflow " + args.substring(0, args.indexOf(' ')) + " [-hV]");
		assertThat(this.progress.size()).isZero();
	}

	@Test
	void withoutABenchmarkItIsAUsageError() {
		Run run = execute();

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).startsWith("Name a benchmark: bench or bench-outbox\nUsage: orderflow [-hV] [COMMAND]");
	}

	private Run execute(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		BenchmarksCli cli = new BenchmarksCli(new PrintStream(this.progress, true, StandardCharsets.UTF_8),
				Path.of("/tmp/orderflow-home"));
		int exitCode = CommandLines.create(cli)
			.setOut(new PrintWriter(out, true))
			.setErr(new PrintWriter(err, true))
			.execute(args);
		return new Run(exitCode, out.toString(), err.toString());
	}

	/** What one run printed and returned. */
	private record Run(int exitCode, String out, String err) {
	}

}

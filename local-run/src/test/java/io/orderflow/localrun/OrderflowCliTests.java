package io.orderflow.localrun;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import io.orderflow.dlt.CommandLines;
import io.orderflow.localrun.chaos.ChaosSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the command line of {@link OrderflowCli}: help, defaults, usage errors and
 * exit codes. Nothing here starts a stack: every run ends in help or a usage error.
 */
class OrderflowCliTests {

	private static final Path HOME = Path.of("/tmp/orderflow-home");

	private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			--help             | Usage: orderflow [-hV] [COMMAND]     | chaos
			help               | Usage: orderflow [-hV] [COMMAND]     | bench-outbox
			up --help          | Usage: orderflow up [-hV]            | --bind=ADDRESS
			help up            | Usage: orderflow up [-hV]            | --kafka-port=P
			demo --help        | Usage: orderflow demo [-hV]          | --api-url=URL
			chaos --help       | Usage: orderflow chaos [-hV]         | --duration=D
			dlt --help         | Usage: orderflow dlt [-hV] [COMMAND] | replay
			dlt list --help    | Usage: orderflow dlt list [-hV]      | --exception=NAME
			dlt show --help    | Usage: orderflow dlt show [-hV]      | --partition=P
			dlt replay --help  | Usage: orderflow dlt replay [-hV]    | --execute
			""")
	void helpOfEveryCommandPrintsItsUsageAndExitsZero(String args, String usage, String option) {
		Run run = execute(args.split(" "));

		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).startsWith(usage).contains(option);
		assertThat(run.err()).isEmpty();
	}

	@Test
	void withoutACommandItPrintsTheUsageWithEveryCommand() {
		Run run = execute();

		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).startsWith("Usage: orderflow [-hV] [COMMAND]")
			.contains("  up ", "  demo ", "  chaos ", "  dlt ", "  bench ", "  bench-outbox ", "  help ");
	}

	@Test
	void helpShowsTheDefaultsOfEachCommand() {
		assertThat(help("up")).contains("--workers=N worker processes, 1 to 99 (default: 2)",
				"--apis=N api-service replicas, sharing one outbox, 1 to 10 (default: 1)", "(default: 8080)",
				"--kafka-port=P port of the Kafka broker it starts (default: 9092)", "(default: 127.0.0.1;");
		assertThat(help("demo")).contains("--orders=N orders to submit (default: 200)",
				"--workers=N worker processes, 1 to 99 (default: 2)", "--apis=N", "--api-port=P", "--kafka-port=P",
				"--bind=ADDRESS");
		assertThat(help("chaos")).contains("--workers=N worker processes, 2 to 99 (default: 3)",
				"--apis=N api-service replicas, 1 to 10 (default: 2)", "(default: 3m)", "(default: random, printed)");
	}

	@Test
	void upAndDemoDefaultToTwoWorkersAndOneApiOnThePortsOfTheReadme() {
		for (String command : new String[] { "up", "demo" }) {
			CommandLine parsed = parse(command);

			assertThat(optionValue(parsed, "--workers")).isEqualTo(2);
			assertThat(optionValue(parsed, "--apis")).isEqualTo(1);
			assertThat(optionValue(parsed, "--api-port")).isEqualTo(8080);
			assertThat(optionValue(parsed, "--kafka-port")).isEqualTo(9092);
			assertThat(optionValue(parsed, "--bind")).isEqualTo("127.0.0.1");
		}
		assertThat(optionValue(parse("demo"), "--orders")).isEqualTo(200);
	}

	@Test
	void demoTakesTheOptionsOfTheStackItStarts() {
		CommandLine parsed = parse("demo", "--orders", "5", "--api-url", "http://127.0.0.1:8180", "--workers", "3",
				"--apis", "2", "--api-port", "8180", "--kafka-port", "9093", "--bind", "0.0.0.0");

		assertThat(optionValue(parsed, "--orders")).isEqualTo(5);
		assertThat(optionValue(parsed, "--api-url")).isEqualTo("http://127.0.0.1:8180");
		assertThat(optionValue(parsed, "--workers")).isEqualTo(3);
		assertThat(optionValue(parsed, "--apis")).isEqualTo(2);
		assertThat(optionValue(parsed, "--api-port")).isEqualTo(8180);
		assertThat(optionValue(parsed, "--kafka-port")).isEqualTo(9093);
		assertThat(optionValue(parsed, "--bind")).isEqualTo("0.0.0.0");
	}

	@Test
	void chaosDefaultsToThreeWorkersTwoApisAndThreeMinutes() {
		ChaosSettings settings = parse("chaos").<ChaosCommand>getCommand().settings();

		assertThat(settings.workers()).isEqualTo(3);
		assertThat(settings.apis()).isEqualTo(2);
		assertThat(settings.duration()).isEqualTo(Duration.ofMinutes(3));
		assertThat(settings.seed()).isNotNegative();
		assertThat(parse("chaos", "--duration", "90s", "--seed", "42", "--workers", "4", "--apis", "1")
			.<ChaosCommand>getCommand()
			.settings()).isEqualTo(new ChaosSettings(Duration.ofSeconds(90), 42, 4, 1, 20));
	}

	@Test
	void anUnknownOptionIsAUsageErrorWithTheUsageOfItsCommand() {
		Run run = execute("up", "--bogus");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).startsWith("Unknown option: '--bogus'\n").contains("Usage: orderflow up [-hV]");
		assertThat(run.out()).isEmpty();
	}

	@Test
	void anOptionOfAnotherCommandIsUnknown() {
		Run run = execute("chaos", "--bind", "0.0.0.0");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).startsWith("Unknown options: '--bind', '0.0.0.0'\n")
			.contains("Usage: orderflow chaos [-hV]");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					demo --workers 0         | Invalid value for option '--workers': must be 1 to 99, got 0
					up --workers 100         | Invalid value for option '--workers': must be 1 to 99, got 100
					up --apis 11             | Invalid value for option '--apis': must be 1 to 10, got 11
					up --api-port x          | Invalid value for option '--api-port': 'x' is not a whole number
					up --kafka-port 70000    | Invalid value for option '--kafka-port': must be 1 to 65535, got 70000
					up --bind 203.0.113.77   | Invalid value for option '--bind': '203.0.113.77' is not an address of this machine
					demo --orders 0          | Invalid value for option '--orders': must be at least 1, got 0
					chaos --workers 1        | Invalid value for option '--workers': must be 2 to 99, got 1
					chaos --duration 3min    | Invalid value for option '--duration': --duration takes seconds (300, 300s), minutes (3m) or hours (1h), got '3min'
					chaos --seed x           | Invalid value for option '--seed': 'x' is not a long
					""")
	void aBadValueIsAUsageErrorNamingTheOption(String args, String message) {
		Run run = execute(args.split(" "));

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).startsWith(message + "\n")
			.contains("Usage: orderflow " + args.substring(0, args.indexOf(' ')) + " [-hV]");
		assertThat(this.progress.size()).isZero();
	}

	@Test
	void settingsThatDoNotFitTogetherAreAUsageErrorBeforeAnythingStarts() {
		Run ports = execute("up", "--api-port", "64500", "--apis", "2");
		Run duration = execute("chaos", "--duration", "59s");

		assertThat(ports.exitCode()).isEqualTo(2);
		assertThat(ports.err()).startsWith("--api-port 64500 leaves no room for 2 api(s): their ports go up to 65600\n")
			.contains("Usage: orderflow up [-hV]");
		assertThat(duration.exitCode()).isEqualTo(2);
		assertThat(duration.err()).startsWith("--duration must be at least 60 s").contains("Usage: orderflow chaos");
		assertThat(this.progress.size()).isZero();
	}

	@Test
	void dltIsTheDeadLetterToolWithItsUsageErrors() {
		Run run = execute("dlt", "replay");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).startsWith("dlt replay needs at least one selector: --all, ")
			.contains("Usage: orderflow dlt replay [-hV]");
	}

	@Test
	void theBenchmarksSayThatTheyRunFromTheirOwnJar() {
		Run run = execute("bench", "--rounds", "1");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).startsWith("bench runs from the benchmarks jar: run it as ./orderflow bench\n");
		assertThat(execute("help", "bench-outbox").out())
			.contains("./orderflow bench-outbox --help lists its options.");
	}

	@Test
	void anUnknownCommandIsAUsageError() {
		Run run = execute("deploy");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).startsWith("Unmatched argument at index 0: 'deploy'\n")
			.contains("Usage: orderflow [-hV]");
	}

	private Run execute(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exitCode = CommandLines.create(cli())
			.setOut(new PrintWriter(out, true))
			.setErr(new PrintWriter(err, true))
			.execute(args);
		return new Run(exitCode, out.toString(), err.toString());
	}

	/** The help of {@code command}, on one line. */
	private String help(String command) {
		return execute(command, "--help").out().replaceAll("\\s+", " ");
	}

	/** The command line of the (sub)command the arguments name, parsed. */
	private CommandLine parse(String... args) {
		ParseResult parsed = new CommandLine(cli()).parseArgs(args);
		return parsed.subcommand().commandSpec().commandLine();
	}

	private OrderflowCli cli() {
		return new OrderflowCli(new PrintStream(this.progress, true, StandardCharsets.UTF_8), HOME);
	}

	private static Object optionValue(CommandLine command, String option) {
		return command.getCommandSpec().findOption(option).getValue();
	}

	/** What one run printed and returned. */
	private record Run(int exitCode, String out, String err) {
	}

}

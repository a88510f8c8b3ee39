package io.orderflow.dlt;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CommandLines}: the exit codes and messages every orderflow command
 * shares.
 */
class CommandLinesTests {

	@Test
	void aUsageErrorPrintsTheMessageTheSuggestionsAndTheUsageAndExitsWithTwo() {
		Run run = execute(new Sample(null), "--round", "2");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err())
			.startsWith("Unknown options: '--round', '2'\nPossible solutions: --rounds\nUsage: sample ");
		assertThat(run.out()).isEmpty();
	}

	@Test
	void aFailureTheCommandReportsPrintsItsMessageAndExitsWithOne() {
		Run run = execute(new Sample(new IllegalStateException("Port 9092 is in use")));

		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).isEqualTo("sample: Port 9092 is in use\n");
	}

	@Test
	void anyOtherExceptionKeepsItsStackTrace() {
		Run run = execute(new Sample(new UnsupportedOperationException("bug")));

		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).contains("java.lang.UnsupportedOperationException: bug", "\tat ");
	}

	@Test
	void theHelpAndTheVersionExitWithZero() {
		assertThat(execute(new Sample(null), "--help").out()).startsWith("Usage: sample [-hV] [--rounds=N]")
			.contains("--rounds=N   rounds (default: 3)");
		assertThat(execute(new Sample(null), "--version").out()).startsWith("orderflow ");
	}

	@Test
	void aRangeNamesWhatIsWrong() {
		CommandLines.IntRange workers = new CommandLines.IntRange(1, 99) {
		};

		assertThat(workers.convert("99")).isEqualTo(99);
		assertThatExceptionOfType(TypeConversionException.class).isThrownBy(() -> workers.convert("100"))
			.withMessage("must be 1 to 99, got 100");
		assertThatExceptionOfType(TypeConversionException.class).isThrownBy(() -> workers.convert("1.5"))
			.withMessage("'1.5' is not a whole number");
		assertThatExceptionOfType(TypeConversionException.class)
			.isThrownBy(() -> new CommandLines.NonNegative().convert("-1"))
			.withMessage("must be at least 0, got -1");
		assertThat(new CommandLines.Positive().convert("2147483647")).isEqualTo(Integer.MAX_VALUE);
	}

	private static Run execute(Object command, String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exitCode = CommandLines.create(command)
			.setOut(new PrintWriter(out, true))
			.setErr(new PrintWriter(err, true))
			.execute(args);
		return new Run(exitCode, out.toString(), err.toString());
	}

	@Command(name = "sample", mixinStandardHelpOptions = true, versionProvider = CommandLines.Version.class)
	static final class Sample implements Callable<Integer> {

		private final RuntimeException failure;

		@Option(names = "--rounds", paramLabel = "N", defaultValue = "3", converter = CommandLines.Positive.class,
				description = "rounds (default: ${DEFAULT-VALUE})")
		private int rounds;

		Sample(RuntimeException failure) {
			this.failure = failure;
		}

		@Override
		public Integer call() {
			if (this.failure != null) {
				throw this.failure;
			}
			return 0;
		}

	}

	/** What one run printed and returned. */
	private record Run(int exitCode, String out, String err) {
	}

}

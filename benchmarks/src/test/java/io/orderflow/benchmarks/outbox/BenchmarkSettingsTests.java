package io.orderflow.benchmarks.outbox;

import java.util.Map;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the {@link BenchmarkSettings} that {@link OutboxBenchmarkCli} parses from its
 * options.
 */
class BenchmarkSettingsTests {

	@Test
	void noOptionsMeanThreeRoundsOfThreeHundredSteadyAndFiveThousandBurstOrders() {
		assertThat(parse()).isEqualTo(new BenchmarkSettings(3, 300, 50, 5000, 8, 1000, true));
	}

	@Test
	void optionsOverrideTheDefaults() {
		BenchmarkSettings settings = parse("--rounds", "5", "--steady", "10", "--rate", "20", "--burst", "100",
				"--threads", "2", "--warmup", "0", "--no-outage");

		assertThat(settings).isEqualTo(new BenchmarkSettings(5, 10, 20, 100, 2, 0, false));
	}

	@Test
	void modulithPropertiesAreCollectedInOrder() {
		BenchmarkSettings settings = parse("--modulith-property", "spring.modulith.events.completion-mode=delete",
				"--modulith-property", "a.b=c=d");

		assertThat(settings.modulithProperties())
			.containsExactly(Map.entry("spring.modulith.events.completion-mode", "delete"), Map.entry("a.b", "c=d"));
	}

	@Test
	void unknownOptionsAndBadNumbersAreRefusedWithTheirName() {
		assertThatExceptionOfType(UnmatchedArgumentException.class).isThrownBy(() -> parse("--fast"))
			.withMessageContaining("--fast");
		assertThatExceptionOfType(ParameterException.class).isThrownBy(() -> parse("--rounds", "x"))
			.withMessage("Invalid value for option '--rounds': 'x' is not a whole number");
		assertThatExceptionOfType(ParameterException.class).isThrownBy(() -> parse("--rounds", "0"))
			.withMessage("Invalid value for option '--rounds': must be at least 1, got 0");
		assertThatExceptionOfType(MissingParameterException.class).isThrownBy(() -> parse("--burst"))
			.withMessage("Missing required parameter for option '--burst' (N)");
		assertThatExceptionOfType(ParameterException.class).isThrownBy(() -> parse("--modulith-property", "no-value"))
			.withMessage("Invalid value for option '--modulith-property' (NAME=VALUE): 'no-value' is not NAME=VALUE");
	}

	private static BenchmarkSettings parse(String... args) {
		CommandLine commandLine = new CommandLine(new OutboxBenchmarkCli());
		commandLine.parseArgs(args);
		return commandLine.<OutboxBenchmarkCli>getCommand().settings();
	}

}

package io.orderflow.benchmarks.outbox;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link BenchmarkSettings}.
 */
class BenchmarkSettingsTests {

	@Test
	void noOptionsMeanThreeRoundsOfThreeHundredSteadyAndFiveThousandBurstOrders() {
		assertThat(BenchmarkSettings.parse(List.of())).isEqualTo(new BenchmarkSettings(3, 300, 50, 5000, 8, 1000, true));
	}

	@Test
	void optionsOverrideTheDefaults() {
		BenchmarkSettings settings = BenchmarkSettings
			.parse(List.of("--rounds", "5", "--steady", "10", "--rate", "20", "--burst", "100", "--threads", "2",
					"--warmup", "0", "--no-outage"));

		assertThat(settings).isEqualTo(new BenchmarkSettings(5, 10, 20, 100, 2, 0, false));
	}

	@Test
	void modulithPropertiesAreCollectedInOrder() {
		BenchmarkSettings settings = BenchmarkSettings.parse(List.of("--modulith-property",
				"spring.modulith.events.completion-mode=delete", "--modulith-property", "a.b=c=d"));

		assertThat(settings.modulithProperties()).containsExactly(
				Map.entry("spring.modulith.events.completion-mode", "delete"), Map.entry("a.b", "c=d"));
	}

	@Test
	void unknownOptionsAndBadNumbersAreRefusedWithTheirName() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkSettings.parse(List.of("--fast")))
			.withMessageContaining("--fast");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkSettings.parse(List.of("--rounds", "x")))
			.withMessageContaining("--rounds takes a whole number");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkSettings.parse(List.of("--rounds", "0")))
			.withMessageContaining("--rounds must be at least 1");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkSettings.parse(List.of("--burst")))
			.withMessageContaining("--burst needs a value");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkSettings.parse(List.of("--modulith-property", "no-value")))
			.withMessageContaining("--modulith-property takes NAME=VALUE");
	}

}

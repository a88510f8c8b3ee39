package io.orderflow.localrun.chaos;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ChaosSettings}.
 */
class ChaosSettingsTests {

	@Test
	void durationsAreSecondsUnlessTheyNameMinutesOrHours() {
		assertThat(ChaosSettings.parseDuration("300")).isEqualTo(Duration.ofSeconds(300));
		assertThat(ChaosSettings.parseDuration("300s")).isEqualTo(Duration.ofSeconds(300));
		assertThat(ChaosSettings.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
		assertThat(ChaosSettings.parseDuration("3m")).isEqualTo(Duration.ofMinutes(3));
		assertThat(ChaosSettings.parseDuration("1H")).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void durationsInOtherFormsAreRefusedWithTheFormsThatWork() {
		assertThatIllegalArgumentException().isThrownBy(() -> ChaosSettings.parseDuration("3 minutes"))
			.withMessageContaining("300s")
			.withMessageContaining("'3 minutes'");
		assertThatIllegalArgumentException().isThrownBy(() -> ChaosSettings.parseDuration("-90"));
		assertThatIllegalArgumentException().isThrownBy(() -> ChaosSettings.parseDuration("1.5m"));
	}

	@Test
	void aRunTooShortForBothOutagesIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ChaosSettings(Duration.ofSeconds(59), 1, 3, 2, 20))
			.withMessageContaining("--duration must be at least 60 s");
	}

	@Test
	void aRunNeedsAWorkerToSurviveEachKill() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ChaosSettings(Duration.ofMinutes(3), 1, 1, 2, 20))
			.withMessageContaining("--workers must be at least 2");
	}

}

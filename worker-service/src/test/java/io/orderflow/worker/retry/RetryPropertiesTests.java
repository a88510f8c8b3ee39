package io.orderflow.worker.retry;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RetryProperties}.
 */
class RetryPropertiesTests {

	@Test
	void multiplierBelowOneIsRejectedNamingTheProperty() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryProperties(millis(10), 0.5, millis(40), millis(0), millis(100)))
			.withMessage("orderflow.worker.retry.multiplier must be at least 1.0, got 0.5");
	}

	@Test
	void maxIntervalShorterThanInitialIntervalIsRejectedNamingBothProperties() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryProperties(millis(40), 2.0, millis(10), millis(0), millis(100)))
			.withMessageContaining("orderflow.worker.retry.max-interval (PT0.01S)")
			.withMessageContaining("shorter than initial-interval (PT0.04S)");
	}

	@Test
	void constantBackOffIsAccepted() {
		RetryProperties retry = new RetryProperties(millis(10), 1.0, millis(10), millis(0), millis(100));

		assertThat(retry.multiplier()).isEqualTo(1.0);
		assertThat(retry.maxInterval()).isEqualTo(retry.initialInterval());
	}

	@Test
	void unsetPropertiesTakeTheirDefaults() {
		RetryProperties retry = bind(Map.of());

		assertThat(retry).isEqualTo(
				new RetryProperties(millis(500), 2.0, Duration.ofSeconds(15), millis(250), Duration.ofMinutes(5)));
	}

	@Test
	void invalidBoundValueFailsBinding() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("orderflow.worker.retry.multiplier", "0.9")))
			.havingRootCause()
			.isInstanceOf(IllegalArgumentException.class)
			.withMessageContaining("orderflow.worker.retry.multiplier");
	}

	private static RetryProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("orderflow.worker.retry",
				RetryProperties.class);
	}

	private static Duration millis(long millis) {
		return Duration.ofMillis(millis);
	}

}

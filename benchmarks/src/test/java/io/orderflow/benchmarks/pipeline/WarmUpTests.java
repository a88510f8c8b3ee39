package io.orderflow.benchmarks.pipeline;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WarmUp}: warm once two slices agree, never before the minimum, always
 * by the maximum.
 */
class WarmUpTests {

	@Test
	void warmWhenTwoSlicesInARowAgreeAfterTheMinimum() {
		WarmUp warmUp = new WarmUp(Duration.ofSeconds(30), Duration.ofMinutes(3));
		assertThat(warmUp.slice()).isEqualTo(Duration.ofSeconds(10));
		assertThat(warmUp.warm(200)).isFalse();
		assertThat(warmUp.warm(205)).as("agrees, but before the minimum").isFalse();
		assertThat(warmUp.warm(500)).as("still compiling").isFalse();
		assertThat(warmUp.warm(800)).isFalse();
		assertThat(warmUp.warm(840)).isTrue();
	}

	@Test
	void warmAtTheMaximumWhateverTheRates() {
		WarmUp warmUp = new WarmUp(Duration.ofSeconds(20), Duration.ofSeconds(40));
		assertThat(warmUp.warm(100)).isFalse();
		assertThat(warmUp.warm(200)).isFalse();
		assertThat(warmUp.warm(400)).isFalse();
		assertThat(warmUp.warm(800)).isTrue();
		assertThat(warmUp.rates()).containsExactly(100.0, 200.0, 400.0, 800.0);
	}

	@Test
	void aQuickRunWarmsUpInTwoShortSlices() {
		WarmUp warmUp = new WarmUp(Duration.ofSeconds(1), Duration.ofSeconds(1));
		assertThat(warmUp.slice()).isEqualTo(Duration.ofSeconds(1));
		assertThat(warmUp.warm(10)).isFalse();
		assertThat(warmUp.warm(50)).isTrue();
	}

}

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
	void warmWhenThreeSlicesInARowAgreeAfterTheMinimum() {
		WarmUp warmUp = new WarmUp(Duration.ofSeconds(30), Duration.ofMinutes(5));
		assertThat(warmUp.slice()).isEqualTo(Duration.ofSeconds(10));
		assertThat(warmUp.warm(200)).isFalse();
		assertThat(warmUp.warm(204)).isFalse();
		assertThat(warmUp.warm(500)).as("still compiling").isFalse();
		assertThat(warmUp.warm(510)).as("a plateau of two slices").isFalse();
		assertThat(warmUp.warm(800)).isFalse();
		assertThat(warmUp.warm(820)).isFalse();
		assertThat(warmUp.warm(810)).isTrue();
	}

	@Test
	void threeSlicesThatAgreeBeforeTheMinimumAreNotEnough() {
		WarmUp warmUp = new WarmUp(Duration.ofSeconds(60), Duration.ofMinutes(5));
		for (int slice = 1; slice < 6; slice++) {
			assertThat(warmUp.warm(300)).as("slice %d", slice).isFalse();
		}
		assertThat(warmUp.warm(300)).isTrue();
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
	void aQuickRunWarmsUpInThreeShortSlices() {
		WarmUp warmUp = new WarmUp(Duration.ofSeconds(1), Duration.ofSeconds(1));
		assertThat(warmUp.slice()).isEqualTo(Duration.ofSeconds(1));
		assertThat(warmUp.warm(10)).isFalse();
		assertThat(warmUp.warm(30)).isFalse();
		assertThat(warmUp.warm(50)).isTrue();
	}

}

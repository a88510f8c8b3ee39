package io.orderflow.benchmarks;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Stats}.
 */
class StatsTests {

	@Test
	void percentilesUseTheNearestRankOfTheSortedValues() {
		List<Double> values = List.of(5.0, 1.0, 4.0, 2.0, 3.0, 100.0, 6.0, 7.0, 8.0, 9.0);

		assertThat(Stats.percentile(values, 0.50)).isEqualTo(5.0);
		assertThat(Stats.percentile(values, 0.99)).isEqualTo(100.0);
	}

	@Test
	void aSingleValueIsEveryPercentile() {
		assertThat(Stats.percentile(List.of(42.0), 0.50)).isEqualTo(42.0);
		assertThat(Stats.percentile(List.of(42.0), 0.99)).isEqualTo(42.0);
	}

	@Test
	void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
		assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
		assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
	}

	@Test
	void noValuesHaveNoPercentile() {
		assertThat(Stats.percentile(List.of(), 0.5)).isNaN();
		assertThat(Stats.median(List.of())).isNaN();
	}

}

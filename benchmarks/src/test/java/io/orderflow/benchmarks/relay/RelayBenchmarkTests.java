package io.orderflow.benchmarks.relay;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the statistics of {@link RelayBenchmark}.
 */
class RelayBenchmarkTests {

	@Test
	void percentilesUseTheNearestRankOfTheSortedValues() {
		List<Double> values = List.of(5.0, 1.0, 4.0, 2.0, 3.0, 100.0, 6.0, 7.0, 8.0, 9.0);

		double[] percentiles = RelayBenchmark.percentiles(values);

		assertThat(percentiles[0]).isEqualTo(5.0);
		assertThat(percentiles[1]).isEqualTo(100.0);
	}

	@Test
	void aSingleValueIsEveryPercentile() {
		assertThat(RelayBenchmark.percentiles(List.of(42.0))).containsExactly(42.0, 42.0);
	}

}

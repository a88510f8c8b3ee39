package io.orderflow.benchmarks.pipeline;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link LogLineCost.Result}.
 */
class LogLineCostTests {

	@Test
	void theRatioIsTheMedianOfThePairsRatiosNotTheRatioOfTheMedians() {
		// A slow pair slows both of its loops: its ratio stays near 1.
		LogLineCost.Result result = new LogLineCost.Result(List.of(new LogLineCost.Pair(true, 300, 310, 3000, 820, 800),
				new LogLineCost.Pair(false, 600, 600, 6000, 805, 800),
				new LogLineCost.Pair(true, 590, 600, 5900, 900, 800)));

		assertThat(result.ratio()).isCloseTo(590.0 / 600, within(1e-9));
		assertThat(result.medianOn()).isEqualTo(590);
		assertThat(result.medianOff()).isEqualTo(600);
		assertThat(result.cpuRatio()).isCloseTo(820.0 / 800, within(1e-9));
		assertThat(result.cpuMicrosPerLine()).isCloseTo(20, within(1e-9));
	}

	@Test
	void theTextShowsEveryPairInItsOrderTheLinesLoggedAndTheApisCpuPerOrder() {
		LogLineCost.Result result = new LogLineCost.Result(List.of(new LogLineCost.Pair(true, 500, 520, 5000, 812, 800),
				new LogLineCost.Pair(false, 530, 520, 5300, 808, 800)));

		assertThat(result.text()).contains("on, off", "off, on", "5,300", "0.96x", "1.02x", "812",
				"with the per-order INFO line / without: 0.99x (medians 515 vs 520 accepted/s);"
						+ " the api's CPU per order: 1.01x, 10 us per line");
	}

	@Test
	void anUnreadableCpuTimeLeavesTheCpuFiguresOutButNotTheRates() {
		LogLineCost.Result result = new LogLineCost.Result(
				List.of(new LogLineCost.Pair(true, 500, 500, 5000, Double.NaN, Double.NaN)));

		assertThat(result.ratio()).isEqualTo(1.0);
		assertThat(result.cpuRatio()).isNaN();
		assertThat(result.text()).contains("the api's CPU per order: n/a, n/a us per line");
	}

}

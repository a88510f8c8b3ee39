package io.orderflow.benchmarks.pipeline;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Drain} and {@link DrainResult}: rates, scaling efficiency, orders per
 * CPU-second and pauses.
 */
class DrainTests {

	private static final Offset<Double> EXACT = Offset.offset(1e-9);

	@Test
	void theRateIsTheOrdersOverTheTimeFromTheFirstToTheLastCompletion() {
		DrainResult drain = new DrainResult(1, 60_000, 10, 10, 15, new long[] { 6000 });

		assertThat(drain.rate()).isEqualTo(6000.0);
		assertThat(drain.ordersPerCpuSecond()).isEqualTo(4000.0);
	}

	@Test
	void scalingEfficiencyIsTheRateWithTwoOverTwiceTheRateWithOne() {
		DrainResult one = new DrainResult(1, 60_000, 10, 10, 10, new long[0]);
		DrainResult two = new DrainResult(2, 60_000, 7.5, 7.5, 15, new long[0]);

		Drain drain = new Drain(one, two);

		// 8,000/s with 2 against 6,000/s with 1: 8,000 / 12,000.
		assertThat(drain.efficiency()).isCloseTo(2.0 / 3, EXACT);
		// 4,000 orders per CPU-second with 2 against 6,000 with 1.
		assertThat(drain.cpuEfficiency()).isCloseTo(2.0 / 3, EXACT);
		assertThat(drain.text()).contains("scaling efficiency 0.67x", "8,000", "6,000");
		assertThat(drain.curves()).containsOnlyKeys("1 worker", "2 workers");
	}

	@Test
	void perfectScalingIsOne() {
		DrainResult one = new DrainResult(1, 10_000, 10, 10, 10, new long[0]);
		DrainResult two = new DrainResult(2, 10_000, 5, 5, 10, new long[0]);

		assertThat(DrainResult.efficiency(one, two)).isCloseTo(1.0, EXACT);
		assertThat(DrainResult.cpuEfficiency(one, two)).isCloseTo(1.0, EXACT);
	}

	@Test
	void withoutCpuTimeOrElapsedTimeTheFiguresAreNotANumber() {
		DrainResult instant = new DrainResult(1, 100, 0, 0, Double.NaN, new long[] { 100 });

		assertThat(instant.rate()).isNaN();
		assertThat(instant.ordersPerCpuSecond()).isNaN();
		assertThat(Drain.times(DrainResult.efficiency(instant, new DrainResult(2, 100, 1, 1, 1, new long[0]))))
			.isEqualTo("n/a");
	}

	@Test
	void theLongestPauseIsTheLongestRunOfSecondsWithoutACompletion() {
		DrainResult drain = new DrainResult(2, 100, 8, 8, 1, new long[] { 10, 0, 0, 20, 0, 30, 0, 0, 0, 40 });

		assertThat(drain.longestPauseSeconds()).isEqualTo(3);
	}

	@Test
	void aDrainComparesOneWorkerWithTwo() {
		DrainResult two = new DrainResult(2, 100, 1, 1, 1, new long[0]);

		assertThatIllegalArgumentException().isThrownBy(() -> new Drain(two, two))
			.withMessage("A drain compares 1 worker with 2, got 2 and 2");
	}

}

package io.orderflow.benchmarks.pipeline;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class TargetsTests {

	private static final RoundResult ROUND = new RoundResult(1000, 400, Double.NaN, Double.NaN, 100_000, 500_000,
			new LoadResult(300, 10, 50, 100, 0), new LoadResult(620, 15, 140, 220, 0), 300,
			new LoadResult(299, 5, 20, 40, 0), new ServerLatency(299, 0, 30, 240, 300));

	@Test
	void eachTargetIsMetMissedOrNotMeasured() {
		Drain drain = new Drain(new DrainResult(1, 6000, 1.0, 1.0, 2.0, new long[] { 6000 }),
				new DrainResult(2, 6000, 1.0, 1.0, 2.5, new long[] { 6000 }));

		LogLineCost.Result logLine = new LogLineCost.Result(
				List.of(new LogLineCost.Pair(true, 570, 600, 5700, 810, 800),
						new LogLineCost.Pair(false, 580, 600, 5800, 810, 800),
						new LogLineCost.Pair(true, 500, 520, 5000, 810, 800)));

		List<Targets.Target> targets = Targets.evaluate(new ReportTables(List.of(ROUND)), drain, null, null, logLine);

		assertThat(targets).extracting(Targets.Target::name, Targets.Target::measured, Targets.Target::verdict)
			.containsExactly(
					tuple("HTTP intake / one-order-per-transaction anchor, 32 connections", "1.55x",
							Targets.Verdict.MET),
					tuple("HTTP intake p99, closed loop, 32 connections", "140 ms", Targets.Verdict.MISSED),
					tuple("drain by 1 worker / anchor at 8 connections", "6.00x", Targets.Verdict.MET),
					tuple("orders per CPU-second, 2 workers / 1 worker", "0.80x", Targets.Verdict.MISSED),
					tuple("longest pause in completions when a worker joins or leaves", "n/a",
							Targets.Verdict.NOT_MEASURED),
					tuple("end-to-end p99 at 50 % of the best intake", "240 ms", Targets.Verdict.MET),
					tuple("cleanup job / one DELETE of the same rows", "n/a", Targets.Verdict.NOT_MEASURED),
					tuple("longest cleanup batch transaction", "n/a", Targets.Verdict.NOT_MEASURED),
					tuple("HTTP intake while the cleanup runs / without", "n/a", Targets.Verdict.NOT_MEASURED),
					tuple("HTTP intake with the per-order INFO line / without it", "0.96x", Targets.Verdict.MET));
	}

	@Test
	void aLogLineThatCostsMoreThanFivePercentMissesItsTarget() {
		LogLineCost.Result logLine = new LogLineCost.Result(
				List.of(new LogLineCost.Pair(true, 560, 600, 5600, 810, 800),
						new LogLineCost.Pair(false, 540, 600, 5400, 810, 800)));

		assertThat(Targets.evaluate(new ReportTables(List.of(ROUND)), null, null, null, logLine))
			.filteredOn((target) -> target.name().contains("INFO line"))
			.singleElement()
			.satisfies((target) -> {
				assertThat(target.measured()).isEqualTo("0.92x");
				assertThat(target.verdict()).isEqualTo(Targets.Verdict.MISSED);
			});
		assertThat(Targets.evaluate(new ReportTables(List.of(ROUND)), null, null, null, null))
			.filteredOn((target) -> target.name().contains("INFO line"))
			.extracting(Targets.Target::verdict)
			.containsExactly(Targets.Verdict.NOT_MEASURED);
	}

	@Test
	void theBoundaryMeetsATarget() {
		assertThat(Targets.Verdict.atLeast(1.5, 1.5)).isEqualTo(Targets.Verdict.MET);
		assertThat(Targets.Verdict.atMost(200, 200)).isEqualTo(Targets.Verdict.MET);
		assertThat(Targets.Verdict.atLeast(Double.POSITIVE_INFINITY, 0.7)).isEqualTo(Targets.Verdict.NOT_MEASURED);
	}

}

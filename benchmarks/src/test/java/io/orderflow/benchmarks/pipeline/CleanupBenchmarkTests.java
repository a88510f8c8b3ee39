package io.orderflow.benchmarks.pipeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CleanupBenchmarkTests {

	private static final CleanupBenchmark.JobRun RUN = new CleanupBenchmark.JobRun(1000, 3, 2.5, 50);

	@Test
	void intakeDuringTheJobCountsOnlyTheLoopsWholeSecondsInsideIt() {
		// Asked at 0.4 s, answered at 3.6 s: seconds 1 and 2 are whole inside the run.
		CleanupBenchmark.TimedJob job = new CleanupBenchmark.TimedJob(RUN, 400_000_000L, 3_600_000_000L);

		assertThat(job.intakeRate(new long[] { 1000, 600, 400, 900, 1000, 1000 })).isEqualTo(500.0);
	}

	@Test
	void aJobOfLessThanAWholeSecondHasNoIntakeRate() {
		CleanupBenchmark.TimedJob job = new CleanupBenchmark.TimedJob(RUN, 300_000_000L, 900_000_000L);

		assertThat(job.intakeRate(new long[] { 1000, 1000, 1000 })).isNaN();
	}

	@Test
	void theLoopsLastSecondIsLeftOutSinceItAlsoHoldsLaterAnswers() {
		CleanupBenchmark.TimedJob job = new CleanupBenchmark.TimedJob(RUN, 0, 10_000_000_000L);

		assertThat(job.intakeRate(new long[] { 100, 200, 300, 5000 })).isEqualTo(200.0);
	}

	@Test
	void ratiosCompareTheJobWithTheDeleteAndIntakeWithAndWithoutIt() {
		CleanupBenchmark.Result result = new CleanupBenchmark.Result(1000, 2.0, RUN, 800, RUN, 600);

		assertThat(result.speedRatio()).isEqualTo(0.8);
		assertThat(result.intakeRatio()).isEqualTo(0.75);
		assertThat(result.longestBatchMillis()).isEqualTo(50);
	}

}

package io.orderflow.benchmarks.pipeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Timeline}.
 */
class TimelineTests {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void completionsAreCountedInTheirSecondAndLateOnesInTheLast() {
		Timeline timeline = new Timeline(10 * SECOND, 3);

		timeline.record(10 * SECOND);
		timeline.record(10 * SECOND + SECOND / 2);
		timeline.record(12 * SECOND);
		timeline.record(20 * SECOND);

		assertThat(timeline.perSecond()).containsExactly(2, 0, 2);
	}

}

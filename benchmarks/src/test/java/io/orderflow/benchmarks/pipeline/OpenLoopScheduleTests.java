package io.orderflow.benchmarks.pipeline;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link OpenLoopSchedule}: intended send times and the correction for
 * coordinated omission.
 */
class OpenLoopScheduleTests {

	private static final long MS = 1_000_000L;

	@Test
	void requestsAreDueAtTheRateFromTheStart() {
		OpenLoopSchedule schedule = OpenLoopSchedule.atRate(1_000 * MS, 100);

		assertThat(schedule.intervalNanos()).isEqualTo(10 * MS);
		assertThat(schedule.intendedNanos(0)).isEqualTo(1_000 * MS);
		assertThat(schedule.intendedNanos(250)).isEqualTo(3_500 * MS);
		assertThat(schedule.requestsWithin(1_000 * MS)).isEqualTo(100);
		assertThat(schedule.requestsWithin(1_001 * MS)).isEqualTo(101);
	}

	@Test
	void latencyIsMeasuredFromTheIntendedSendTimeNotFromALateSend() {
		OpenLoopSchedule schedule = new OpenLoopSchedule(0, 10 * MS);

		// Request 5 was due at 50 ms; the client could only send it at 900 ms, answered
		// at
		// 901 ms.
		assertThat(schedule.correctedLatencyNanos(5, 901 * MS)).isEqualTo(851 * MS);
	}

	@Test
	void aServerStallShowsInTheHighPercentilesOnlyWhenCorrected() {
		// One connection, a request due every 10 ms, each served in 1 ms, except that the
		// server stalls for 1 s on request 100 of 1,000.
		OpenLoopSchedule schedule = new OpenLoopSchedule(0, 10 * MS);
		Histogram corrected = new Histogram(3);
		Histogram fromActualSend = new Histogram(3);
		long free = 0;
		for (long index = 0; index < 1000; index++) {
			long sent = Math.max(schedule.intendedNanos(index), free);
			long answered = sent + ((index == 100) ? 1_000 * MS : MS);
			free = answered;
			corrected.recordValue(schedule.correctedLatencyNanos(index, answered) / 1000);
			fromActualSend.recordValue((answered - sent) / 1000);
		}

		// Uncorrected, the stall is one slow request among a thousand: p99 stays at 1 ms.
		assertThat(fromActualSend.getValueAtPercentile(99) / 1000.0).isLessThan(1.1);
		// Corrected, the ~100 requests that queued behind it are late too.
		assertThat(corrected.getValueAtPercentile(99) / 1000.0).isGreaterThan(500);
		assertThat(corrected.getMaxValue() / 1000.0).isGreaterThanOrEqualTo(1000);
	}

	@Test
	void aRateOfZeroIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> OpenLoopSchedule.atRate(0, 0))
			.withMessageContaining("above 0");
	}

}

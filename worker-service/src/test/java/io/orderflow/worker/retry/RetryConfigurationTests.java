package io.orderflow.worker.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RetryConfiguration}: the backoff built from {@link RetryProperties}.
 */
class RetryConfigurationTests {

	@Test
	void backOffTakesEverySettingFromTheProperties() {
		ExponentialBackOff backOff = RetryConfiguration.backOff(new RetryProperties(Duration.ofMillis(500), 2.0,
				Duration.ofSeconds(15), Duration.ofMillis(250), Duration.ofMinutes(5)));

		assertThat(backOff.getInitialInterval()).isEqualTo(500);
		assertThat(backOff.getMultiplier()).isEqualTo(2.0);
		assertThat(backOff.getMaxInterval()).isEqualTo(15_000);
		assertThat(backOff.getJitter()).isEqualTo(250);
		assertThat(backOff.getMaxElapsedTime()).isEqualTo(300_000);
	}

	@Test
	void intervalsGrowUpToTheMaxIntervalAndStopOnceTheElapsedTimeIsSpent() {
		ExponentialBackOff backOff = RetryConfiguration.backOff(retry(Duration.ZERO));

		List<Long> intervals = intervalsUntilStop(backOff.start());

		assertThat(intervals).containsExactly(10L, 20L, 40L, 40L);
	}

	@Test
	void jitterNeverTakesAnIntervalOutsideInitialAndMaxInterval() {
		ExponentialBackOff backOff = RetryConfiguration.backOff(retry(Duration.ofMillis(5)));

		for (int execution = 0; execution < 100; execution++) {
			List<Long> intervals = intervalsUntilStop(backOff.start());

			assertThat(intervals).isNotEmpty().allSatisfy((interval) -> assertThat(interval).isBetween(10L, 40L));
			assertThat(intervals.stream().mapToLong(Long::longValue).sum()).isGreaterThanOrEqualTo(100);
		}
	}

	/** Initial 10ms, doubling, at most 40ms, for 100ms in all. */
	private static RetryProperties retry(Duration jitter) {
		return new RetryProperties(Duration.ofMillis(10), 2.0, Duration.ofMillis(40), jitter, Duration.ofMillis(100));
	}

	/**
	 * The backoffs until {@link BackOffExecution#STOP}; fails if it does not come within
	 * 100 of them.
	 */
	private static List<Long> intervalsUntilStop(BackOffExecution execution) {
		List<Long> intervals = new ArrayList<>();
		for (long next = execution.nextBackOff(); next != BackOffExecution.STOP; next = execution.nextBackOff()) {
			intervals.add(next);
			assertThat(intervals).as("backoffs before STOP").hasSizeLessThanOrEqualTo(100);
		}
		return intervals;
	}

}

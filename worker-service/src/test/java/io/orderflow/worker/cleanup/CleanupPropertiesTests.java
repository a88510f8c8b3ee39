package io.orderflow.worker.cleanup;

import java.time.Duration;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CleanupProperties}: settings that would make the job unsafe are
 * refused at startup.
 */
class CleanupPropertiesTests {

	@Test
	void defaultsAreValid() {
		assertThat(
				properties("0 0 * * * *", 5000, Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofSeconds(30))
					.batchSize())
			.isEqualTo(5000);
	}

	@Test
	void dashTurnsScheduledRunsOff() {
		assertThat(properties("-", 5000, Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofSeconds(30)).cron())
			.isEqualTo("-");
	}

	@Test
	void fiveFieldCronIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> properties("0 * * * *", 5000, Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ZERO))
			.withMessageContaining("six fields");
	}

	@Test
	void batchSizeMustBePositiveAndBounded() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties("-", 0, Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ZERO))
			.withMessageContaining("batch-size");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties("-", 100_001, Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ZERO))
			.withMessageContaining("batch-size");
	}

	@Test
	void batchBudgetMustBeShorterThanTheBatchTimeout() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CleanupProperties("-", ZoneId.of("UTC"), Duration.ofDays(30), Duration.ZERO,
					Duration.ZERO, 10, Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(1),
					Duration.ofSeconds(10), Duration.ZERO))
			.withMessageContaining("batch-budget");
	}

	@Test
	void leaseMustOutliveABatchAndTheMinimumHold() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties("-", 10, Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ZERO))
			.withMessageContaining("batch-timeout");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> properties("-", 10, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(30)))
			.withMessageContaining("lock-at-least-for");
	}

	@Test
	void negativeRetentionIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CleanupProperties("-", ZoneId.of("UTC"), Duration.ofDays(-1), Duration.ZERO,
					Duration.ZERO, 10, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(10),
					Duration.ZERO))
			.withMessageContaining("audit-log-retention");
	}

	private static CleanupProperties properties(String cron, int batchSize, Duration batchTimeout,
			Duration lockAtMostFor, Duration lockAtLeastFor) {
		return new CleanupProperties(cron, ZoneId.of("UTC"), Duration.ofDays(30), Duration.ZERO, Duration.ofDays(7),
				batchSize, Duration.ZERO, Duration.ZERO, batchTimeout, lockAtMostFor, lockAtLeastFor);
	}

}

package io.orderflow.worker.cleanup;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BatchSizer}: batches grow while they are fast, shrink to the budget
 * when they are slow, and stay within the floor and {@code batch-size}.
 */
class BatchSizerTests {

	private static final Duration BUDGET = Duration.ofMillis(100);

	@Test
	void aRunStartsSmallAndDoublesWhileBatchesAreFast() {
		BatchSizer sizer = new BatchSizer(5_000, BUDGET);
		assertThat(sizer.size()).isEqualTo(BatchSizer.FIRST);
		sizer.batch(500, Duration.ofMillis(5));
		assertThat(sizer.size()).isEqualTo(1_000);
		sizer.batch(1_000, Duration.ofMillis(10));
		assertThat(sizer.size()).isEqualTo(2_000);
		sizer.batch(2_000, Duration.ofMillis(20));
		assertThat(sizer.size()).isEqualTo(4_000);
		sizer.batch(4_000, Duration.ofMillis(40));
		assertThat(sizer.size()).as("never more than batch-size").isEqualTo(5_000);
	}

	@Test
	void aSlowBatchShrinksTheNextToWhatFitsTheBudget() {
		BatchSizer sizer = grownTo(5_000);
		sizer.batch(5_000, Duration.ofMillis(250));
		assertThat(sizer.size()).isEqualTo(2_000);
		sizer.batch(2_000, Duration.ofMillis(80));
		assertThat(sizer.size()).as("grows back towards the budget").isEqualTo(2_500);
	}

	@Test
	void aBatchSlowerThanTheBudgetEvenAtTheFloorKeepsTheFloor() {
		BatchSizer sizer = grownTo(5_000);
		sizer.batch(5_000, Duration.ofSeconds(30));
		assertThat(sizer.size()).isEqualTo(BatchSizer.FLOOR);
	}

	@Test
	void aBatchSizeBelowTheFloorIsKept() {
		BatchSizer sizer = new BatchSizer(10, BUDGET);
		assertThat(sizer.size()).isEqualTo(10);
		sizer.batch(10, Duration.ofSeconds(5));
		assertThat(sizer.size()).isEqualTo(10);
	}

	@Test
	void anEmptyBatchTeachesNothing() {
		BatchSizer sizer = new BatchSizer(5_000, BUDGET);
		sizer.batch(0, Duration.ofMillis(900));
		assertThat(sizer.size()).isEqualTo(BatchSizer.FIRST);
	}

	@Test
	void aZeroBudgetMeansFixedBatches() {
		BatchSizer sizer = new BatchSizer(5_000, Duration.ZERO);
		assertThat(sizer.size()).isEqualTo(5_000);
		sizer.batch(5_000, Duration.ofSeconds(10));
		assertThat(sizer.size()).isEqualTo(5_000);
	}

	private static BatchSizer grownTo(int size) {
		BatchSizer sizer = new BatchSizer(size, BUDGET);
		while (sizer.size() < size) {
			sizer.batch(sizer.size(), Duration.ofMillis(1));
		}
		return sizer;
	}

}

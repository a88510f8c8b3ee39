package io.orderflow.worker.order;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReasonSummary}.
 */
class ReasonSummaryTests {

	@Test
	void shortListIsWrittenInFull() {
		assertThat(ReasonSummary.of("unknown SKU", List.of("A", "B", "C"), ", ", 100))
			.isEqualTo("unknown SKU: A, B, C");
	}

	@Test
	void longListNamesWhatFitsAndCountsTheRest() {
		List<String> skus = IntStream.rangeClosed(1, 30).mapToObj((i) -> "SKU-" + "x".repeat(50) + i).toList();

		String summary = ReasonSummary.of("unknown SKU", skus, ", ", 500);

		assertThat(summary).hasSizeLessThanOrEqualTo(500)
			.startsWith("unknown SKU: " + skus.get(0) + ", " + skus.get(1))
			.matches(".* and \\d+ more");
		int named = summary.split(", ").length;
		assertThat(summary).endsWith(" and " + (30 - named) + " more");
	}

	@Test
	void singleHugeItemIsCut() {
		String summary = ReasonSummary.of("unknown SKU", List.of("y".repeat(5000)), ", ", 500);

		assertThat(summary).hasSize(500).endsWith("...");
	}

	@Test
	void truncationNeverSplitsASurrogatePair() {
		String text = "a".repeat(6) + "\uD83D\uDE00" + "b".repeat(10);

		String cut = ReasonSummary.truncate(text, 10);

		assertThat(cut).isEqualTo("aaaaaa...");
	}

}

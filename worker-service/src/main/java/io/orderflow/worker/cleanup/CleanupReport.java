package io.orderflow.worker.cleanup;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one cleanup run did.
 *
 * @param run its id in {@code cleanup_runs}
 * @param trigger schedule or operator
 * @param status how it ended
 * @param instance lock owner that ran it
 * @param deleted rows deleted per table, in the order the tables were cleaned
 * @param batches delete statements committed
 * @param durationMillis wall time of the run
 * @param longestBatchMillis the longest batch transaction
 * @param error why it stopped early, or {@code null}
 */
record CleanupReport(long run, Trigger trigger, CleanupStatus status, String instance, Map<String, Long> deleted,
		int batches, long durationMillis, long longestBatchMillis, String error) {

	Duration duration() {
		return Duration.ofMillis(this.durationMillis);
	}

	long totalDeleted() {
		return this.deleted.values().stream().mapToLong(Long::longValue).sum();
	}

	/** The one line a run logs. */
	String summary() {
		String tables = this.deleted.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.collect(Collectors.joining(", "));
		return "Cleanup run %d %s (%s, %s) in %.1f s: deleted %s in %d batches, longest batch %d ms%s".formatted(
				this.run, this.status, this.trigger.name().toLowerCase(), this.instance, this.durationMillis / 1000.0,
				tables, this.batches, this.longestBatchMillis, (this.error != null) ? "; " + this.error : "");
	}

}

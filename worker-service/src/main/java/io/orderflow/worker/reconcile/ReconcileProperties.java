package io.orderflow.worker.reconcile;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the reconcile job ({@code ORDERFLOW_RECONCILE_*} in the environment).
 *
 * @param stuckAfter an order {@code PENDING} or {@code PROCESSING} for longer than this
 * (since its last change) is stuck; far longer than any retry budget, so the job only
 * finds what nothing else will finish
 * @param maxAttempts re-drives of one order before it is marked {@code FAILED}
 * @param interval pause between runs; each run takes the fleet-wide lock, so one worker
 * runs it
 * @param batchSize stuck orders handled per transaction
 * @param maxBatches batches per run at most, so a run of a huge backlog ends and shows
 * progress
 * @param healthThreshold health reports {@code DEGRADED} when more orders than this are
 * stuck
 * @param lockAtMostFor lease of the reconcile lock: how long a dead holder can keep
 * others from running
 */
@ConfigurationProperties("orderflow.reconcile")
public record ReconcileProperties(@DefaultValue("10m") Duration stuckAfter, @DefaultValue("3") int maxAttempts,
		@DefaultValue("1m") Duration interval, @DefaultValue("200") int batchSize, @DefaultValue("50") int maxBatches,
		@DefaultValue("0") int healthThreshold, @DefaultValue("5m") Duration lockAtMostFor) {

	public ReconcileProperties {
		if (stuckAfter.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException(
					"orderflow.reconcile.stuck-after must be at least 1s, got " + stuckAfter);
		}
		if (maxAttempts < 0) {
			throw new IllegalArgumentException(
					"orderflow.reconcile.max-attempts must not be negative, got " + maxAttempts);
		}
		if (interval.toMillis() < 1) {
			throw new IllegalArgumentException("orderflow.reconcile.interval must be positive, got " + interval);
		}
		if (batchSize < 1 || batchSize > 10_000) {
			throw new IllegalArgumentException("orderflow.reconcile.batch-size must be 1 to 10000, got " + batchSize);
		}
		if (maxBatches < 1) {
			throw new IllegalArgumentException("orderflow.reconcile.max-batches must be at least 1, got " + maxBatches);
		}
		if (healthThreshold < 0) {
			throw new IllegalArgumentException(
					"orderflow.reconcile.health-threshold must not be negative, got " + healthThreshold);
		}
	}

}

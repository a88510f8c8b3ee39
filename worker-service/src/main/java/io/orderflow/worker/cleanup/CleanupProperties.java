package io.orderflow.worker.cleanup;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;

/**
 * Settings of the cleanup job ({@code ORDERFLOW_CLEANUP_*} in the environment).
 *
 * @param cron when the job runs (Spring cron, six fields); {@code -} turns scheduled runs
 * off
 * @param zone time zone of {@code cron}
 * @param auditLogRetention audit rows (and the job's own run records) younger than this
 * are kept
 * @param idempotencyKeyRetention how long an expired idempotency key is kept past its
 * expiry
 * @param outboxRetention how long an outbox row is kept after it was published;
 * unpublished rows are never deleted
 * @param batchSize most rows per delete statement, each in its own transaction
 * @param batchBudget how long one batch transaction should take: batches shrink below
 * {@code batchSize} when the database is slow and grow back when it is fast
 * ({@link BatchSizer}); zero means every batch is {@code batchSize} rows
 * @param batchPause pause between batches, to leave the database to other traffic
 * @param batchTimeout longest a batch transaction may run or sit idle (statement and
 * idle-in-transaction timeouts); a holder frozen inside a batch loses its connection
 * after this
 * @param lockAtMostFor lease of the cleanup lock, renewed before every batch: how long a
 * dead holder can keep others from cleaning
 * @param lockAtLeastFor shortest time the lock is held, so a node whose clock or
 * scheduler lags does not run the same tick again
 */
@ConfigurationProperties("orderflow.cleanup")
public record CleanupProperties(@DefaultValue("0 0 * * * *") String cron, @DefaultValue("UTC") ZoneId zone,
		@DefaultValue("30d") Duration auditLogRetention, @DefaultValue("0s") Duration idempotencyKeyRetention,
		@DefaultValue("7d") Duration outboxRetention, @DefaultValue("5000") int batchSize,
		@DefaultValue("100ms") Duration batchBudget, @DefaultValue("0ms") Duration batchPause,
		@DefaultValue("30s") Duration batchTimeout, @DefaultValue("10m") Duration lockAtMostFor,
		@DefaultValue("30s") Duration lockAtLeastFor) {

	public CleanupProperties {
		if (!Scheduled.CRON_DISABLED.equals(cron) && !CronExpression.isValidExpression(cron)) {
			throw new IllegalArgumentException("orderflow.cleanup.cron '" + cron
					+ "' is not a Spring cron expression (six fields: second minute hour day month weekday), nor '-'");
		}
		requireNotNegative("audit-log-retention", auditLogRetention);
		requireNotNegative("idempotency-key-retention", idempotencyKeyRetention);
		requireNotNegative("outbox-retention", outboxRetention);
		requireNotNegative("batch-pause", batchPause);
		requireNotNegative("batch-budget", batchBudget);
		if (batchSize < 1 || batchSize > 100_000) {
			throw new IllegalArgumentException("orderflow.cleanup.batch-size must be 1 to 100000, got " + batchSize);
		}
		if (batchTimeout.toMillis() < 1) {
			throw new IllegalArgumentException("orderflow.cleanup.batch-timeout must be positive, got " + batchTimeout);
		}
		if (batchBudget.compareTo(batchTimeout) >= 0) {
			throw new IllegalArgumentException("orderflow.cleanup.batch-budget (" + batchBudget
					+ ") must be shorter than batch-timeout (" + batchTimeout + ")");
		}
		requireNotNegative("lock-at-least-for", lockAtLeastFor);
		if (lockAtMostFor.compareTo(lockAtLeastFor) <= 0) {
			throw new IllegalArgumentException("orderflow.cleanup.lock-at-most-for (" + lockAtMostFor
					+ ") must be longer than lock-at-least-for (" + lockAtLeastFor + ")");
		}
		if (lockAtMostFor.compareTo(batchTimeout) <= 0) {
			throw new IllegalArgumentException(
					"orderflow.cleanup.lock-at-most-for (" + lockAtMostFor + ") must be longer than batch-timeout ("
							+ batchTimeout + "), so a lease outlives the batch it covers");
		}
	}

	private static void requireNotNegative(String name, Duration value) {
		if (value.isNegative()) {
			throw new IllegalArgumentException("orderflow.cleanup." + name + " must not be negative, got " + value);
		}
	}

}

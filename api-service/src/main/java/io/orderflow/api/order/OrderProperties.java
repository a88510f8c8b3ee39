package io.orderflow.api.order;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits and retention of order intake.
 *
 * @param idempotencyKeyTtl how long an {@code Idempotency-Key} is remembered
 * @param maxItems most lines one order may have
 * @param intake how submissions share transactions (group commit)
 */
@ConfigurationProperties("orderflow.orders")
record OrderProperties(@DefaultValue("24h") Duration idempotencyKeyTtl, @DefaultValue("100") int maxItems,
		@DefaultValue Intake intake) {

	OrderProperties {
		if (maxItems < 1) {
			throw new IllegalArgumentException("orderflow.orders.max-items must be at least 1, got " + maxItems);
		}
		if (idempotencyKeyTtl.isNegative() || idempotencyKeyTtl.isZero()) {
			throw new IllegalArgumentException(
					"orderflow.orders.idempotency-key-ttl must be positive, got " + idempotencyKeyTtl);
		}
	}

	/**
	 * Group commit of HTTP intake (see {@link CommitGroups}).
	 *
	 * @param writers threads that write batches, each with its own connection and
	 * transaction at a time
	 * @param maxBatch most submissions one transaction takes
	 * @param timeout longest wait of a request for its batch's commit; then it is
	 * answered {@code 503}
	 */
	record Intake(@DefaultValue("4") int writers, @DefaultValue("64") int maxBatch,
			@DefaultValue("30s") Duration timeout) {

		Intake {
			if (writers < 1) {
				throw new IllegalArgumentException(
						"orderflow.orders.intake.writers must be at least 1, got " + writers);
			}
			if (maxBatch < 1) {
				throw new IllegalArgumentException(
						"orderflow.orders.intake.max-batch must be at least 1, got " + maxBatch);
			}
			if (timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException("orderflow.orders.intake.timeout must be positive, got " + timeout);
			}
		}

	}

}

package io.orderflow.api.order;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits and retention of order intake.
 *
 * @param idempotencyKeyTtl how long an {@code Idempotency-Key} is remembered
 * @param maxItems most lines one order may have
 */
@ConfigurationProperties("orderflow.orders")
record OrderProperties(@DefaultValue("24h") Duration idempotencyKeyTtl, @DefaultValue("100") int maxItems) {

	OrderProperties {
		if (maxItems < 1) {
			throw new IllegalArgumentException("orderflow.orders.max-items must be at least 1, got " + maxItems);
		}
		if (idempotencyKeyTtl.isNegative() || idempotencyKeyTtl.isZero()) {
			throw new IllegalArgumentException(
					"orderflow.orders.idempotency-key-ttl must be positive, got " + idempotencyKeyTtl);
		}
	}

}

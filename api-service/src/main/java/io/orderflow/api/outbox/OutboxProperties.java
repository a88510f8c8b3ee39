package io.orderflow.api.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the outbox relay.
 *
 * @param batchSize rows claimed and published per transaction
 * @param pollInterval longest wait for a commit notification before looking anyway
 * @param maxBackoff longest pause after a failed publish, while the broker is unavailable
 * @param degradedAfter age of the oldest unpublished row at which health reports
 * {@code DEGRADED}
 * @param publishTimeout how long a batch may wait for the broker's acknowledgements
 */
@ConfigurationProperties("orderflow.outbox")
public record OutboxProperties(@DefaultValue("500") int batchSize, @DefaultValue("1s") Duration pollInterval,
		@DefaultValue("5s") Duration maxBackoff, @DefaultValue("5s") Duration degradedAfter,
		@DefaultValue("30s") Duration publishTimeout) {

	public OutboxProperties {
		if (batchSize < 1) {
			throw new IllegalArgumentException("orderflow.outbox.batch-size must be at least 1, got " + batchSize);
		}
	}

}

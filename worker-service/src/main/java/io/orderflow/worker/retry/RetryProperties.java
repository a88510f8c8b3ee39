package io.orderflow.worker.retry;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The retry budget for transient failures. The defaults wait out a database or broker
 * outage of a few minutes; a batch still failing after {@code maxElapsedTime} goes to the
 * dead-letter topic, from where it can be replayed.
 *
 * @param initialInterval first backoff
 * @param multiplier growth of each next backoff
 * @param maxInterval longest single backoff
 * @param jitter random spread added to each backoff, so workers do not retry in lockstep
 * @param maxElapsedTime total time spent retrying one batch before dead-lettering it
 */
@ConfigurationProperties("orderflow.worker.retry")
public record RetryProperties(@DefaultValue("500ms") Duration initialInterval, @DefaultValue("2.0") double multiplier,
		@DefaultValue("15s") Duration maxInterval, @DefaultValue("250ms") Duration jitter,
		@DefaultValue("5m") Duration maxElapsedTime) {

	public RetryProperties {
		if (multiplier < 1.0) {
			throw new IllegalArgumentException(
					"orderflow.worker.retry.multiplier must be at least 1.0, got " + multiplier);
		}
		if (jitter.isNegative()) {
			throw new IllegalArgumentException("orderflow.worker.retry.jitter must not be negative, got " + jitter);
		}
		if (maxInterval.compareTo(initialInterval) < 0) {
			throw new IllegalArgumentException("orderflow.worker.retry.max-interval (" + maxInterval
					+ ") is shorter than initial-interval (" + initialInterval + ")");
		}
	}

}

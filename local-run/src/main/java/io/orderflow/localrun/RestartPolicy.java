package io.orderflow.localrun;

import java.time.Duration;

/**
 * When a supervised service that crashed is started again, as Kubernetes or Compose
 * would: after an exponential backoff, reset once the service has stayed healthy for a
 * while, and not at all in a crash loop.
 *
 * @param initialBackoff wait before the first restart (then doubled per consecutive
 * restart)
 * @param maxBackoff longest wait before a restart
 * @param stableAfter how long a service must stay healthy for its backoff to start from
 * {@code initialBackoff} again
 * @param maxRestarts most restarts of one service within {@code window}; one more is a
 * crash loop
 * @param window the crash-loop window
 */
public record RestartPolicy(Duration initialBackoff, Duration maxBackoff, Duration stableAfter, int maxRestarts,
		Duration window) {

	/**
	 * 1 s, 2 s, 4 s ... 30 s; reset after 30 s healthy; more than 5 restarts within 60 s
	 * is a crash loop.
	 */
	public static final RestartPolicy STANDARD = new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30),
			Duration.ofSeconds(30), 5, Duration.ofSeconds(60));

	public RestartPolicy {
		if (initialBackoff.isNegative() || initialBackoff.isZero()) {
			throw new IllegalArgumentException("initialBackoff must be positive, got " + initialBackoff);
		}
		if (maxBackoff.compareTo(initialBackoff) < 0) {
			throw new IllegalArgumentException(
					"maxBackoff " + maxBackoff + " is shorter than initialBackoff " + initialBackoff);
		}
		if (maxRestarts < 0) {
			throw new IllegalArgumentException("maxRestarts must not be negative, got " + maxRestarts);
		}
	}

	/** The wait before the {@code consecutive}-th restart in a row (1-based). */
	Duration backoff(int consecutive) {
		Duration delay = this.initialBackoff;
		for (int i = 1; i < consecutive && delay.compareTo(this.maxBackoff) < 0; i++) {
			delay = delay.multipliedBy(2);
		}
		return (delay.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : delay;
	}

}

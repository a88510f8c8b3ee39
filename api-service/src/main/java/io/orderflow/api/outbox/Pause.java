package io.orderflow.api.outbox;

import java.time.Duration;

/**
 * How the relay waits before it retries, so a test can drive its back-off without
 * waiting.
 */
@FunctionalInterface
interface Pause {

	/**
	 * Waits for {@code duration}.
	 * @param duration how long to wait
	 * @throws InterruptedException if the waiting thread is interrupted, which ends the
	 * relay
	 */
	void pause(Duration duration) throws InterruptedException;

}

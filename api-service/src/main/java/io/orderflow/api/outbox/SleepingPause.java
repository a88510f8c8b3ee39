package io.orderflow.api.outbox;

import java.time.Duration;

import org.springframework.stereotype.Component;

/**
 * The relay's {@link Pause} in production: the relay thread sleeps.
 */
@Component
class SleepingPause implements Pause {

	@Override
	public void pause(Duration duration) throws InterruptedException {
		Thread.sleep(duration.toMillis());
	}

}

package io.orderflow.api.outbox;

import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * What the relay last achieved, for health and logs.
 */
@Component
class OutboxStatus {

	private final Clock clock;

	private volatile Instant lastPublished;

	private volatile Instant lastFailure;

	private volatile String lastError;

	OutboxStatus(Clock clock) {
		this.clock = clock;
	}

	void published() {
		this.lastPublished = this.clock.instant();
	}

	void failed(Throwable failure) {
		this.lastFailure = this.clock.instant();
		this.lastError = failure.getMessage();
	}

	/** Whether the last attempt failed and nothing was published since. */
	boolean isFailing() {
		Instant failure = this.lastFailure;
		Instant success = this.lastPublished;
		return failure != null && (success == null || failure.isAfter(success));
	}

	Instant lastPublished() {
		return this.lastPublished;
	}

	Instant lastFailure() {
		return this.lastFailure;
	}

	String lastError() {
		return this.lastError;
	}

}

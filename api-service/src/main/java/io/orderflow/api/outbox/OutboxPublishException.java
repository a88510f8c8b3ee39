package io.orderflow.api.outbox;

/**
 * The broker did not acknowledge a batch in time; the batch stays in the outbox and is
 * retried.
 */
class OutboxPublishException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	OutboxPublishException(int size, Throwable cause) {
		super("Publishing " + size + " outbox record(s) failed: " + cause.getMessage(), cause);
	}

}

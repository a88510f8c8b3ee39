package io.orderflow.worker.retry;

/**
 * A batch failed for a reason that may pass; the error handler retries it with backoff.
 * The only exception type the error handler retries: everything else is dead-lettered at
 * once.
 */
public class TransientFailureException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public TransientFailureException(String message, Throwable cause) {
		super(message, cause);
	}

}

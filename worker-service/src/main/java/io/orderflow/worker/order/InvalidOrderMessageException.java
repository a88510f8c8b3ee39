package io.orderflow.worker.order;

/**
 * An {@code orders} record value that is not the contract's JSON. Never retried.
 */
public class InvalidOrderMessageException extends RuntimeException {

	InvalidOrderMessageException(String message) {
		super(message);
	}

}

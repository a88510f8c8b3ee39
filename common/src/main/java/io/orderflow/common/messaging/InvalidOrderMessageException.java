package io.orderflow.common.messaging;

/**
 * An {@code orders} record value that is not the contract's JSON ({@link OrderMessage}). Never
 * retried: the same bytes fail the same way.
 */
public class InvalidOrderMessageException extends RuntimeException {

	public InvalidOrderMessageException(String message) {
		super(message);
	}

}

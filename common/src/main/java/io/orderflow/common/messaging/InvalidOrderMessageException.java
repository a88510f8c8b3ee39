package io.orderflow.common.messaging;

/**
 * An {@code orders} record value that is not the contract's JSON ({@link OrderMessage}).
 * Never retried: the same bytes fail the same way.
 */
public class InvalidOrderMessageException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public InvalidOrderMessageException(String message) {
		super(message);
	}

}

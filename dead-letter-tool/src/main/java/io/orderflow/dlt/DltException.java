package io.orderflow.dlt;

/**
 * A dead-letter command could not do its work (topic missing, broker unreachable, send
 * failed); the message is written for the operator.
 */
final class DltException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	DltException(String message) {
		super(message);
	}

	DltException(String message, Throwable cause) {
		super(message, cause);
	}

}

package io.orderflow.worker.reconcile;

/**
 * Stuck orders could not be published again, or the broker could not say which orders are
 * stuck; they stay as they are and the next run tries again.
 */
class RedriveException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	RedriveException(int size, Throwable cause) {
		super("Re-driving " + size + " stuck order(s) failed: " + cause.getMessage(), cause);
	}

	RedriveException(String message, Throwable cause) {
		super((cause != null) ? message + ": " + cause.getMessage() : message, cause);
	}

}

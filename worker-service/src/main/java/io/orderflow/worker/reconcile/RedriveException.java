package io.orderflow.worker.reconcile;

/**
 * Stuck orders could not be published again; they stay stuck and the next run finds them.
 */
class RedriveException extends RuntimeException {

	RedriveException(int size, Throwable cause) {
		super("Re-driving " + size + " stuck order(s) failed: " + cause.getMessage(), cause);
	}

}

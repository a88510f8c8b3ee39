package io.orderflow.worker.cleanup;

import io.orderflow.worker.scheduling.LockOwner;

/**
 * The cleanup lock is no longer this instance's: its lease expired, or another instance
 * holds it.
 */
class LockLostException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	LockLostException(String lockName, LockOwner owner, String holder) {
		super("Lock '" + lockName + "' is no longer held by " + owner.value()
				+ ((holder != null) ? "; it is held by " + holder : "; its lease expired"));
	}

}

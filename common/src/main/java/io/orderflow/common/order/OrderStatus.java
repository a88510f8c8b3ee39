package io.orderflow.common.order;

/**
 * Lifecycle of an order: {@code PENDING} when accepted, {@code PROCESSING} once a worker
 * has taken it, then {@code COMPLETED} (stock reserved) or {@code REJECTED} (with a
 * reason). {@code FAILED} means it could not be processed and an operator must act: its
 * failure reason says why and its dead letter where the record is; replaying that dead
 * letter processes it again.
 */
public enum OrderStatus {

	PENDING, PROCESSING, COMPLETED, REJECTED, FAILED;

	/**
	 * Whether processing is over: a redelivered order in this status is skipped. FAILED
	 * is not over.
	 */
	public boolean isTerminal() {
		return this == COMPLETED || this == REJECTED;
	}

}

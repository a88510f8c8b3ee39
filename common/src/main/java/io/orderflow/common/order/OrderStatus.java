package io.orderflow.common.order;

/**
 * Lifecycle of an order: {@code PENDING} when accepted, {@code PROCESSING} once a worker has taken
 * it, then {@code COMPLETED} (stock reserved) or {@code REJECTED} (with a reason).
 */
public enum OrderStatus {

	PENDING, PROCESSING, COMPLETED, REJECTED;

	/** Whether processing is over: a redelivered order in this status is skipped. */
	public boolean isTerminal() {
		return this == COMPLETED || this == REJECTED;
	}

}

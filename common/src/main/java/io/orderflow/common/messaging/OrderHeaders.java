package io.orderflow.common.messaging;

/**
 * Kafka header names on {@code orders} records.
 */
public final class OrderHeaders {

	/**
	 * The client's {@code Idempotency-Key} of the request that created the order, when it
	 * sent one.
	 */
	public static final String IDEMPOTENCY_KEY = "idempotency-key";

	/** On a record the reconcile job re-drove: when (ISO-8601 instant). */
	public static final String RECONCILED_AT = "reconciled-at";

	/**
	 * On a record the reconcile job re-drove: how many times it has re-driven this order
	 * (decimal string).
	 */
	public static final String RECONCILE_COUNT = "reconcile-count";

	private OrderHeaders() {
	}

}

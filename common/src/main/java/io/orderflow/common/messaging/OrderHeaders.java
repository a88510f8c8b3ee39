package io.orderflow.common.messaging;

/**
 * Kafka header names on {@code orders} records.
 */
public final class OrderHeaders {

	/** The client's {@code Idempotency-Key} of the request that created the order, when it sent one. */
	public static final String IDEMPOTENCY_KEY = "idempotency-key";

	private OrderHeaders() {
	}

}

package io.orderflow.common.messaging;

/**
 * Names in the Kafka contract of orderflow.
 */
public final class Topics {

	/** Topic of {@link OrderMessage} records, keyed by order id. */
	public static final String ORDERS = "orders";

	private Topics() {
	}

}

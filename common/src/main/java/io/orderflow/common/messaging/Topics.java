package io.orderflow.common.messaging;

/**
 * Names in the Kafka contract of orderflow.
 */
public final class Topics {

	/** Topic of {@link OrderMessage} records, keyed by order id. */
	public static final String ORDERS = "orders";

	/**
	 * Suffix of dead-letter topics (spring-kafka 4's default), so {@code orders-dlt} for
	 * {@code orders}.
	 */
	public static final String DEAD_LETTER_SUFFIX = "-dlt";

	/** Dead-letter topic of the orders topic. */
	public static final String ORDERS_DLT = ORDERS + DEAD_LETTER_SUFFIX;

	private Topics() {
	}

}

package io.orderflow.worker.order;

import java.util.UUID;

/**
 * A record names an order that does not exist. Never retried: it goes to the dead-letter
 * topic, from where it can be replayed once the order exists.
 */
public class OrderNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	OrderNotFoundException(UUID orderId) {
		super("Order " + orderId + " does not exist");
	}

}

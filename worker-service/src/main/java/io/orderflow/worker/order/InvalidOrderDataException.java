package io.orderflow.worker.order;

import java.util.UUID;

/**
 * A stored order that cannot be processed as it is (for example one without lines): a
 * data fault, not a business outcome. Never retried.
 */
public class InvalidOrderDataException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	InvalidOrderDataException(UUID orderId, String problem) {
		super("Order " + orderId + " cannot be processed: " + problem);
	}

}

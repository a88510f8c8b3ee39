package io.orderflow.common.messaging;

import java.util.Objects;
import java.util.UUID;

/**
 * The value of a record on the {@code orders} topic. The record key is the same order id
 * as a string, so all records of one order land on one partition.
 *
 * @param orderId the id of an order stored in the {@code orders} table
 */
public record OrderMessage(UUID orderId) {

	public OrderMessage {
		Objects.requireNonNull(orderId, "orderId must not be null");
	}

}

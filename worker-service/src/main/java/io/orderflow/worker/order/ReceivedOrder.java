package io.orderflow.worker.order;

import java.util.UUID;

import io.orderflow.common.messaging.OrderMessage;
import io.orderflow.worker.dlt.RawPayload;

/**
 * An {@code orders} record value as the worker received it: the contract's message and
 * the bytes it came as, so a dead letter carries exactly what the producer sent.
 *
 * @param message the message, read by the contract's strict deserializer
 * @param payload the record value, unchanged
 */
public record ReceivedOrder(OrderMessage message, byte[] payload) implements RawPayload {

	UUID orderId() {
		return this.message.orderId();
	}

}

package io.orderflow.worker.order;

import io.orderflow.common.messaging.OrderMessageDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads an {@code orders} record value with the contract's strict
 * {@link OrderMessageDeserializer} and keeps the bytes beside it. Runs inside
 * spring-kafka's {@code ErrorHandlingDeserializer}.
 */
public class ReceivedOrderDeserializer implements Deserializer<ReceivedOrder> {

	private final OrderMessageDeserializer contract = new OrderMessageDeserializer();

	@Override
	public ReceivedOrder deserialize(String topic, byte[] data) {
		return new ReceivedOrder(this.contract.deserialize(topic, data), data);
	}

}

package io.orderflow.common.messaging;

import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an {@link OrderMessage} as the contract's JSON, {@code {"orderId":"…"}}, with no
 * type headers: consumers depend on the JSON, never on Java class names.
 */
public class OrderMessageSerializer implements Serializer<OrderMessage> {

	private final JsonMapper json = JsonMapper.builder().build();

	@Override
	public byte[] serialize(String topic, OrderMessage message) {
		return (message != null) ? this.json.writeValueAsBytes(message) : null;
	}

}

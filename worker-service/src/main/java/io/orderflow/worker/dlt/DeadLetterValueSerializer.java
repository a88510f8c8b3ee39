package io.orderflow.worker.dlt;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes dead-letter values as the bytes they arrived as: the raw bytes of a record that
 * failed deserialization, or the remembered payload of one that was read but failed
 * later.
 */
public class DeadLetterValueSerializer implements Serializer<Object> {

	@Override
	public byte[] serialize(String topic, Object data) {
		if (data == null || data instanceof byte[]) {
			return (byte[]) data;
		}
		if (data instanceof RawPayload raw) {
			return raw.payload();
		}
		throw new SerializationException("Cannot write a " + data.getClass().getName() + " to " + topic
				+ ": dead letters must keep their original bytes");
	}

}

package io.orderflow.worker.dlt;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.orderflow.common.messaging.OrderMessage;
import io.orderflow.worker.order.ReceivedOrder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DeadLetterValueSerializer}.
 */
class DeadLetterValueSerializerTests {

	private final DeadLetterValueSerializer serializer = new DeadLetterValueSerializer();

	@Test
	void bytesPassThroughUnchanged() {
		byte[] bytes = { 0, (byte) 0xff, '{', '}' };

		assertThat(this.serializer.serialize("orders-dlt", bytes)).containsExactly(0, (byte) 0xff, '{', '}');
	}

	@Test
	void nullStaysNull() {
		assertThat(this.serializer.serialize("orders-dlt", null)).isNull();
	}

	@Test
	void rawPayloadIsWrittenAsTheBytesItWasReadFrom() {
		byte[] payload = "{\"orderId\":\"x\", \"extra\": true}".getBytes(StandardCharsets.UTF_8);

		byte[] written = this.serializer.serialize("orders-dlt",
				new ReceivedOrder(new OrderMessage(UUID.randomUUID()), payload));

		assertThat(written).isEqualTo("{\"orderId\":\"x\", \"extra\": true}".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void anyOtherValueIsRefusedNamingItsType() {
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.serializer.serialize("orders-dlt", "{\"orderId\":\"x\"}"))
			.withMessage("Cannot write a java.lang.String to orders-dlt: dead letters must keep their original bytes");
	}

}

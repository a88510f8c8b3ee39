package io.orderflow.common.messaging;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OrderMessageSerializer}, against the contract's own reader.
 */
class OrderMessageSerializerTests {

	private final OrderMessageSerializer serializer = new OrderMessageSerializer();

	@Test
	void messageIsWrittenAsTheContractsJson() {
		UUID id = UUID.randomUUID();

		byte[] value = this.serializer.serialize("orders", new OrderMessage(id));

		assertThat(new String(value, StandardCharsets.UTF_8)).isEqualTo("{\"orderId\":\"" + id + "\"}");
	}

	@Test
	void whatTheSerializerWritesTheStrictDeserializerReadsBack() {
		OrderMessage message = new OrderMessage(UUID.randomUUID());

		OrderMessage read = new OrderMessageDeserializer().deserialize("orders",
				this.serializer.serialize("orders", message));

		assertThat(read).isEqualTo(message);
	}

	@Test
	void nullIsWrittenAsNull() {
		assertThat(this.serializer.serialize("orders", null)).isNull();
	}

}

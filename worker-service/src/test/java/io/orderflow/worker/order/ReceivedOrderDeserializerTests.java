package io.orderflow.worker.order;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.orderflow.common.messaging.InvalidOrderMessageException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ReceivedOrderDeserializer}: the contract's reading, with the bytes
 * kept.
 */
class ReceivedOrderDeserializerTests {

	private final ReceivedOrderDeserializer deserializer = new ReceivedOrderDeserializer();

	@Test
	void orderIdIsReadAndThePayloadKeptByteForByte() {
		UUID id = UUID.randomUUID();
		byte[] payload = utf8("{\"orderId\":\"" + id + "\"}");

		ReceivedOrder order = this.deserializer.deserialize("orders", payload);

		assertThat(order.orderId()).isEqualTo(id);
		assertThat(order.payload()).containsExactly(utf8("{\"orderId\":\"" + id + "\"}"));
	}

	@Test
	void extraFieldsAreIgnoredAndKeptInThePayload() {
		UUID id = UUID.randomUUID();
		String json = "{\"version\":2,\"orderId\":\"" + id
				+ "\",\"lines\":[{\"sku\":\"A\",\"quantity\":1}],\"note\":null}";

		ReceivedOrder order = this.deserializer.deserialize("orders", utf8(json));

		assertThat(order.orderId()).isEqualTo(id);
		assertThat(new String(order.payload(), StandardCharsets.UTF_8)).isEqualTo(json);
	}

	@Test
	void aValueTheContractRefusesIsRefusedWithItsReason() {
		assertThatExceptionOfType(InvalidOrderMessageException.class)
			.isThrownBy(() -> this.deserializer.deserialize("orders", utf8("{}")))
			.withMessage("JSON has no orderId");
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}

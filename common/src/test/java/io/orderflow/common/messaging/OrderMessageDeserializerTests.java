package io.orderflow.common.messaging;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link OrderMessageDeserializer}.
 */
class OrderMessageDeserializerTests {

	private final OrderMessageDeserializer deserializer = new OrderMessageDeserializer();

	@Test
	void orderIdIsRead() {
		UUID id = UUID.randomUUID();

		OrderMessage message = this.deserializer.deserialize("orders", utf8("{\"orderId\":\"" + id + "\"}"));

		assertThat(message).isEqualTo(new OrderMessage(id));
	}

	@Test
	void upperCaseUuidIsAccepted() {
		UUID id = UUID.randomUUID();

		OrderMessage message = this.deserializer.deserialize("orders",
				utf8("{\"orderId\":\"" + id.toString().toUpperCase() + "\"}"));

		assertThat(message.orderId()).isEqualTo(id);
	}

	@Test
	void extraFieldsAreIgnored() {
		UUID id = UUID.randomUUID();
		String json = "{\"version\":2,\"orderId\":\"" + id
				+ "\",\"lines\":[{\"sku\":\"A\",\"quantity\":1}],\"note\":null}";

		OrderMessage message = this.deserializer.deserialize("orders", utf8(json));

		assertThat(message.orderId()).isEqualTo(id);
	}

	@Test
	void nullValueIsRejectedAsEmpty() {
		assertRejected(null, "Empty value: an orders record must be a JSON object with an orderId");
	}

	@Test
	void emptyValueIsRejectedAsEmpty() {
		assertRejected(new byte[0], "Empty value: an orders record must be a JSON object with an orderId");
	}

	@Test
	void nonJsonIsRejectedSayingItIsNotJson() {
		assertThatExceptionOfType(InvalidOrderMessageException.class)
			.isThrownBy(() -> this.deserializer.deserialize("orders", utf8("orderId=42")))
			.withMessageStartingWith("Value is not JSON: ")
			.withNoCause();
	}

	@Test
	void jsonArrayIsRejectedAsNotAnObject() {
		assertRejected(utf8("[{\"orderId\":\"" + UUID.randomUUID() + "\"}]"),
				"Value is JSON but not an object with an orderId");
	}

	@Test
	void jsonScalarIsRejectedAsNotAnObject() {
		assertRejected(utf8("\"" + UUID.randomUUID() + "\""), "Value is JSON but not an object with an orderId");
	}

	@Test
	void objectWithoutOrderIdIsRejected() {
		assertRejected(utf8("{}"), "JSON has no orderId");
	}

	@Test
	void nullOrderIdIsRejected() {
		assertRejected(utf8("{\"orderId\":null}"), "JSON has no orderId");
	}

	@Test
	void numericOrderIdIsRejectedAsNotAUuid() {
		assertRejected(utf8("{\"orderId\":42}"), "orderId is not a UUID: '42'");
	}

	@Test
	void nonCanonicalUuidFormIsRejected() {
		assertRejected(utf8("{\"orderId\":\"1-2-3-4-5\"}"), "orderId is not a UUID: '1-2-3-4-5'");
	}

	@Test
	void overLongOrderIdIsQuotedTruncated() {
		String longId = "0123456789abcdef".repeat(1000);

		assertRejected(utf8("{\"orderId\":\"" + longId + "\"}"),
				"orderId is not a UUID: '" + longId.substring(0, 64) + "...'");
	}

	private void assertRejected(byte[] data, String message) {
		assertThatExceptionOfType(InvalidOrderMessageException.class)
			.isThrownBy(() -> this.deserializer.deserialize("orders", data))
			.withMessage(message);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}

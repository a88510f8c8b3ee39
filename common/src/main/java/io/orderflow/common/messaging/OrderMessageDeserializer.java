package io.orderflow.common.messaging;

import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.kafka.common.serialization.Deserializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an {@code orders} record value strictly: a JSON object whose {@code orderId} is a
 * UUID. Fields it does not know are ignored, so a producer may add fields before every
 * consumer reads them. In the worker it runs inside spring-kafka's
 * {@code ErrorHandlingDeserializer}, which turns a failure here into a record that
 * carries the original bytes and this exception, for the dead-letter topic.
 */
public class OrderMessageDeserializer implements Deserializer<OrderMessage> {

	/**
	 * Canonical 8-4-4-4-12 form only: {@link UUID#fromString} also accepts forms like
	 * {@code 1-2-3-4-5}.
	 */
	private static final Pattern UUID_FORM = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private static final int QUOTE_LIMIT = 64;

	private final JsonMapper json = JsonMapper.builder().build();

	@Override
	public OrderMessage deserialize(String topic, byte[] data) {
		if (data == null || data.length == 0) {
			throw new InvalidOrderMessageException(
					"Empty value: an orders record must be a JSON object with an orderId");
		}
		JsonNode message;
		try {
			message = this.json.readTree(data);
		}
		catch (JacksonException ex) {
			// The parser's message says where and why; its stack trace would only bury
			// ours.
			throw new InvalidOrderMessageException("Value is not JSON: " + ex.getOriginalMessage());
		}
		if (message == null || !message.isObject()) {
			throw new InvalidOrderMessageException("Value is JSON but not an object with an orderId");
		}
		JsonNode orderId = message.get("orderId");
		if (orderId == null || orderId.isNull()) {
			throw new InvalidOrderMessageException("JSON has no orderId");
		}
		String text = orderId.isString() ? orderId.asString() : orderId.toString();
		if (!orderId.isString() || !UUID_FORM.matcher(text).matches()) {
			throw new InvalidOrderMessageException("orderId is not a UUID: " + quote(text));
		}
		return new OrderMessage(UUID.fromString(text));
	}

	private static String quote(String text) {
		return "'" + ((text.length() > QUOTE_LIMIT) ? text.substring(0, QUOTE_LIMIT) + "..." : text) + "'";
	}

}

package io.orderflow.localrun.chaos;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Client mistakes a chaos run sends to the api: each must get a 4xx, never a 5xx,
 * whatever state the system is in.
 */
enum MalformedRequest {

	BAD_JSON("bad JSON", "{\"customerId\": \"c1\", \"currency\": \"EUR\", \"items\": ["),

	WRONG_TYPE("quantity of a wrong type", order("\"two\"", "\"1.00\"")),

	ITEMS_NOT_A_LIST("items not a list", "{\"customerId\": \"c1\", \"currency\": \"EUR\", \"items\": \"SKU-0001\"}"),

	NEGATIVE_QUANTITY("negative quantity", order("-1", "\"1.00\"")),

	FRACTIONAL_QUANTITY("fractional quantity", order("1.5", "\"1.00\"")),

	HUGE_EXPONENT("unitPrice 1e2147483647", order("1", "\"1e2147483647\"")),

	HUGE_NUMBER("unitPrice of 5,000 digits", order("1", "9".repeat(5000))),

	MISSING_FIELDS("missing fields", "{\"currency\": \"EUR\"}"),

	TOO_MANY_ITEMS("101 items", "{\"customerId\": \"c1\", \"currency\": \"EUR\", \"items\": ["
			+ IntStream.rangeClosed(1, 101).mapToObj((i) -> line("1", "\"1.00\"")).collect(Collectors.joining(", "))
			+ "]}"),

	UNKNOWN_CURRENCY("currency not ISO 4217",
			"{\"customerId\": \"c1\", \"currency\": \"EURO\", \"items\": [" + line("1", "\"1.00\"") + "]}"),

	EMPTY_BODY("empty body", ""),

	LONG_IDEMPOTENCY_KEY("Idempotency-Key of 256 characters", order("1", "\"1.00\""), "application/json",
			"k".repeat(256), true),

	IDEMPOTENCY_KEY_WITH_SPACE("Idempotency-Key with a space", order("1", "\"1.00\""), "application/json", "chaos key",
			true),

	WRONG_CONTENT_TYPE("text/plain body", order("1", "\"1.00\""), "text/plain", null, true),

	NO_API_KEY("no API key", order("1", "\"1.00\""), "application/json", null, false);

	private final String label;

	private final String body;

	private final String contentType;

	private final String idempotencyKey;

	private final boolean authenticated;

	MalformedRequest(String label, String body) {
		this(label, body, "application/json", null, true);
	}

	MalformedRequest(String label, String body, String contentType, String idempotencyKey, boolean authenticated) {
		this.label = label;
		this.body = body;
		this.contentType = contentType;
		this.idempotencyKey = idempotencyKey;
		this.authenticated = authenticated;
	}

	String label() {
		return this.label;
	}

	String body() {
		return this.body;
	}

	String contentType() {
		return this.contentType;
	}

	/** The Idempotency-Key header to send, or null for none. */
	String idempotencyKey() {
		return this.idempotencyKey;
	}

	/** Whether the request carries the API key. */
	boolean authenticated() {
		return this.authenticated;
	}

	private static String order(String quantity, String unitPrice) {
		return "{\"customerId\": \"c1\", \"currency\": \"EUR\", \"items\": [" + line(quantity, unitPrice) + "]}";
	}

	private static String line(String quantity, String unitPrice) {
		return "{\"sku\": \"SKU-0001\", \"quantity\": " + quantity + ", \"unitPrice\": " + unitPrice + "}";
	}

}

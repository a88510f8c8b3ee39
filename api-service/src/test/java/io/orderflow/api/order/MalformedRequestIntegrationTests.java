package io.orderflow.api.order;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.orderflow.testsupport.TestInfrastructure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every client mistake gets a 4xx with an RFC 9457 problem body, never a 5xx, and writes
 * nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=orderflow-api", "management.server.port=0" })
class MalformedRequestIntegrationTests {

	private static final String ITEM = "{\"sku\": \"SKU-0001\", \"quantity\": 2, \"unitPrice\": \"9.99\"}";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.shared()
			.isolatedSpringProperties()
			.forEach((name, value) -> registry.add(name, () -> value));
	}

	static Stream<Arguments> malformedRequests() {
		List<Arguments> cases = new ArrayList<>();
		// Not JSON, or not an order.
		cases.add(post("truncated JSON", "{\"customerId\": \"c\",", 400));
		cases.add(post("empty body", "", 400));
		cases.add(post("JSON null", "null", 400));
		cases.add(post("JSON array", "[]", 400));
		cases.add(post("JSON string", "\"order\"", 400));
		cases.add(post("empty object", "{}", 400));
		cases.add(
				post("invalid UTF-8", new byte[] { '{', '"', 'c', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}' }, 400));
		cases.add(post("nesting 2000 deep", "[".repeat(2000) + "]".repeat(2000), 400));
		// customerId
		cases.add(post("missing customerId", order(null, "\"EUR\"", "[" + ITEM + "]"), 400));
		cases.add(post("customerId object", order("{}", "\"EUR\"", "[" + ITEM + "]"), 400));
		cases.add(post("customerId array", order("[]", "\"EUR\"", "[" + ITEM + "]"), 400));
		cases.add(post("customerId empty", order("\"\"", "\"EUR\"", "[" + ITEM + "]"), 400));
		cases.add(post("customerId blank", order("\"   \"", "\"EUR\"", "[" + ITEM + "]"), 400));
		cases.add(post("customerId too long", order("\"" + "c".repeat(65) + "\"", "\"EUR\"", "[" + ITEM + "]"), 400));
		cases.add(post("customerId with NUL", order("\"a\\u0000b\"", "\"EUR\"", "[" + ITEM + "]"), 400));
		cases.add(post("customerId with newline", order("\"a\\nb\"", "\"EUR\"", "[" + ITEM + "]"), 400));
		cases.add(post("customerId with ESC", order("\"a\\u001bb\"", "\"EUR\"", "[" + ITEM + "]"), 400));
		// currency
		cases.add(post("missing currency", order("\"c\"", null, "[" + ITEM + "]"), 400));
		cases.add(post("currency null", order("\"c\"", "null", "[" + ITEM + "]"), 400));
		cases.add(post("unknown currency", order("\"c\"", "\"XXY\"", "[" + ITEM + "]"), 400));
		cases.add(post("lower-case currency", order("\"c\"", "\"eur\"", "[" + ITEM + "]"), 400));
		cases.add(post("currency name", order("\"c\"", "\"EURO\"", "[" + ITEM + "]"), 400));
		cases.add(post("numeric currency code", order("\"c\"", "978", "[" + ITEM + "]"), 400));
		// items
		cases.add(post("missing items", order("\"c\"", "\"EUR\"", null), 400));
		cases.add(post("items null", order("\"c\"", "\"EUR\"", "null"), 400));
		cases.add(post("items empty", order("\"c\"", "\"EUR\"", "[]"), 400));
		cases.add(post("items object", order("\"c\"", "\"EUR\"", "{}"), 400));
		cases.add(post("null item", order("\"c\"", "\"EUR\"", "[null]"), 400));
		cases.add(post("101 items",
				order("\"c\"", "\"EUR\"", "[" + String.join(",", java.util.Collections.nCopies(101, ITEM)) + "]"),
				400));
		cases.add(post("total beyond numeric(19,4)",
				order("\"c\"", "\"EUR\"", "["
						+ String.join(",",
								java.util.Collections.nCopies(100,
										"{\"sku\": \"A\", \"quantity\": 1000000, \"unitPrice\": \"999999999\"}"))
						+ "]"),
				400));
		cases.add(post("missing sku", items("{\"quantity\": 1, \"unitPrice\": \"1\"}"), 400));
		cases.add(post("empty sku", items("{\"sku\": \"\", \"quantity\": 1, \"unitPrice\": \"1\"}"), 400));
		cases.add(post("sku too long",
				items("{\"sku\": \"" + "S".repeat(65) + "\", \"quantity\": 1, \"unitPrice\": \"1\"}"), 400));
		cases.add(post("sku with tab", items("{\"sku\": \"A\\tB\", \"quantity\": 1, \"unitPrice\": \"1\"}"), 400));
		cases.add(post("quantity zero", items("{\"sku\": \"A\", \"quantity\": 0, \"unitPrice\": \"1\"}"), 400));
		cases.add(post("quantity negative", items("{\"sku\": \"A\", \"quantity\": -1, \"unitPrice\": \"1\"}"), 400));
		cases.add(post("quantity fractional", items("{\"sku\": \"A\", \"quantity\": 1.5, \"unitPrice\": \"1\"}"), 400));
		cases.add(post("quantity text", items("{\"sku\": \"A\", \"quantity\": \"two\", \"unitPrice\": \"1\"}"), 400));
		cases.add(post("quantity beyond int",
				items("{\"sku\": \"A\", \"quantity\": 99999999999, \"unitPrice\": \"1\"}"), 400));
		cases.add(post("quantity above limit", items("{\"sku\": \"A\", \"quantity\": 1000001, \"unitPrice\": \"1\"}"),
				400));
		cases.add(post("missing quantity", items("{\"sku\": \"A\", \"unitPrice\": \"1\"}"), 400));
		cases.add(post("negative price", items("{\"sku\": \"A\", \"quantity\": 1, \"unitPrice\": \"-0.01\"}"), 400));
		cases.add(post("price text", items("{\"sku\": \"A\", \"quantity\": 1, \"unitPrice\": \"abc\"}"), 400));
		cases.add(post("price with 5 decimals", items("{\"sku\": \"A\", \"quantity\": 1, \"unitPrice\": \"0.00001\"}"),
				400));
		cases.add(post("price with 10 integer digits",
				items("{\"sku\": \"A\", \"quantity\": 1, \"unitPrice\": \"1234567890\"}"), 400));
		cases.add(post("price with huge exponent",
				items("{\"sku\": \"A\", \"quantity\": 1, \"unitPrice\": 1e999999999}"), 400));
		cases.add(post("missing price", items("{\"sku\": \"A\", \"quantity\": 1}"), 400));
		cases.addAll(absurdNumbers());
		// Size, media type, method, path, headers.
		String large = order("\"c\"", "\"EUR\"", "[" + ITEM + "]").replace("\"c\"",
				"\"c\", \"padding\": \"" + "x".repeat(70_000) + "\"");
		cases.add(post("body over 64 KB", large, 413));
		cases.add(Arguments.of("chunked body over 64 KB",
				new Call("POST", "/orders", "application/json", large.getBytes(StandardCharsets.UTF_8), true, Map.of()),
				413));
		cases.add(Arguments.of("text/plain body", new Call("POST", "/orders", "text/plain", valid(), false, Map.of()),
				415));
		cases.add(Arguments.of("XML body", new Call("POST", "/orders", "application/xml", valid(), false, Map.of()),
				415));
		cases.add(Arguments.of("no content type", new Call("POST", "/orders", null, valid(), false, Map.of()), 415));
		cases.add(Arguments.of("PUT /orders", new Call("PUT", "/orders", "application/json", valid(), false, Map.of()),
				405));
		cases.add(Arguments.of("DELETE /orders", new Call("DELETE", "/orders", null, null, false, Map.of()), 405));
		cases.add(Arguments.of("PATCH an order", new Call("PATCH", "/orders/01a20abe-0e56-7e3f-b81d-2c5280f94ab2",
				"application/json", valid(), false, Map.of()), 405));
		cases.add(Arguments.of("malformed order id", new Call("GET", "/orders/not-a-uuid", null, null, false, Map.of()),
				400));
		cases.add(Arguments.of("unknown path", new Call("GET", "/ordres", null, null, false, Map.of()), 404));
		cases.add(Arguments.of("Idempotency-Key of 256 characters", new Call("POST", "/orders", "application/json",
				valid(), false, Map.of("Idempotency-Key", "k".repeat(256))), 400));
		cases.add(Arguments.of("Idempotency-Key with spaces",
				new Call("POST", "/orders", "application/json", valid(), false, Map.of("Idempotency-Key", "a key")),
				400));
		return cases.stream();
	}

	/**
	 * Numbers no sane client sends, as JSON numbers and as strings: each is a 400 that
	 * names its field.
	 */
	static List<Arguments> absurdNumbers() {
		List<Arguments> cases = new ArrayList<>();
		Map<String, String> numbers = new java.util.LinkedHashMap<>();
		numbers.put("huge exponent", "1e2147483647");
		numbers.put("huge negative exponent", "-1e2147483647");
		numbers.put("exponent beyond int", "1e2147483648");
		numbers.put("tiny exponent", "1e-2147483647");
		numbers.put("exponent below int", "1e-2147483649");
		numbers.put("5,000 digits", "9".repeat(5000));
		numbers.put("5,000 decimals", "0." + "1".repeat(5000));
		numbers.forEach((name, number) -> {
			cases.add(
					post("unitPrice " + name, items("{\"sku\": \"A\", \"quantity\": 1, \"unitPrice\": " + number + "}"),
							400, "items[0].unitPrice"));
			cases.add(post("unitPrice " + name + " as a string",
					items("{\"sku\": \"A\", \"quantity\": 1, \"unitPrice\": \"" + number + "\"}"), 400,
					"items[0].unitPrice"));
			cases
				.add(post("quantity " + name, items("{\"sku\": \"A\", \"quantity\": " + number + ", \"unitPrice\": 1}"),
						400, "items[0].quantity"));
		});
		return cases;
	}

	@ParameterizedTest(name = "{0} -> {2}")
	@MethodSource("malformedRequests")
	void clientMistakeIsAProblemAndWritesNothing(String name, Call call, int expectedStatus) throws Exception {
		Map<String, Long> before = rowCounts();

		HttpResponse<String> response = send(call);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"status\":" + expectedStatus);
		if (call.field() != null) {
			assertThat(response.body()).as("names the field").contains("\"field\":\"" + call.field() + "\"");
		}
		assertThat(rowCounts()).isEqualTo(before);
	}

	private HttpResponse<String> send(Call call) throws Exception {
		HttpRequest.BodyPublisher body;
		if (call.body() == null) {
			body = HttpRequest.BodyPublishers.noBody();
		}
		else if (call.chunked()) {
			body = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(call.body()));
		}
		else {
			body = HttpRequest.BodyPublishers.ofByteArray(call.body());
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + call.path()))
			.method(call.method(), body)
			.header("X-API-Key", TestInfrastructure.TEST_API_KEY);
		if (call.contentType() != null) {
			request.header("Content-Type", call.contentType());
		}
		call.headers().forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private Map<String, Long> rowCounts() {
		return Map.of("orders", count("orders"), "order_items", count("order_items"), "audit_logs", count("audit_logs"),
				"outbox", count("outbox"), "idempotency_keys", count("idempotency_keys"));
	}

	private long count(String table) {
		return this.jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	private static Arguments post(String name, String body, int status) {
		return post(name, body.getBytes(StandardCharsets.UTF_8), status);
	}

	private static Arguments post(String name, byte[] body, int status) {
		return Arguments.of(name, new Call("POST", "/orders", "application/json", body, false, Map.of()), status);
	}

	private static Arguments post(String name, String body, int status, String field) {
		return Arguments.of(name, new Call("POST", "/orders", "application/json", body.getBytes(StandardCharsets.UTF_8),
				false, Map.of(), field), status);
	}

	private static String order(String customerId, String currency, String items) {
		List<String> fields = new ArrayList<>();
		if (customerId != null) {
			fields.add("\"customerId\": " + customerId);
		}
		if (currency != null) {
			fields.add("\"currency\": " + currency);
		}
		if (items != null) {
			fields.add("\"items\": " + items);
		}
		return "{" + String.join(", ", fields) + "}";
	}

	private static String items(String item) {
		return order("\"c\"", "\"EUR\"", "[" + item + "]");
	}

	private static byte[] valid() {
		return items(ITEM).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * One HTTP call.
	 *
	 * @param method HTTP method
	 * @param path request path
	 * @param contentType {@code Content-Type}, or null for none
	 * @param body request body, or null for none
	 * @param chunked whether to send the body without {@code Content-Length}
	 * @param headers further request headers
	 * @param field the field the problem must name, or null
	 */
	record Call(String method, String path, String contentType, byte[] body, boolean chunked,
			Map<String, String> headers, String field) {

		Call(String method, String path, String contentType, byte[] body, boolean chunked,
				Map<String, String> headers) {
			this(method, path, contentType, body, chunked, headers, null);
		}

		@Override
		public String toString() {
			return this.method + " " + this.path;
		}

	}

}

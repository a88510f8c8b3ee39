package io.orderflow.api.order;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.orderflow.common.messaging.TopicsProperties;
import io.orderflow.testsupport.TestInfrastructure;
import io.orderflow.infrastructure.TopicRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the order API must do over real HTTP, with a real PostgreSQL and a real broker.
 * Subclasses supply the infrastructure: local processes, or Testcontainers where Docker
 * is available.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=orderflow-api", "management.server.port=0",
				"orderflow.security.api-keys.tester=" + TestInfrastructure.TEST_API_KEY })
abstract class OrderApiContract {

	static final String VALID_ORDER = """
			{"customerId": "customer-1", "currency": "EUR",
			 "items": [{"sku": "SKU-0001", "quantity": 2, "unitPrice": "9.99"}, {"sku": "SKU-0002", "quantity": 1, "unitPrice": 5}]}
			""";

	final HttpClient http = HttpClient.newHttpClient();

	final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	TopicsProperties topics;

	@Autowired
	KafkaConnectionDetails kafka;

	@Test
	void acceptedOrderIsStoredAndQueuedWithItsIdAsKey() throws Exception {
		HttpResponse<String> response = post(VALID_ORDER, "application/json");

		assertThat(response.statusCode()).isEqualTo(202);
		JsonNode body = this.json.readTree(response.body());
		UUID id = UUID.fromString(body.get("id").asString());
		assertThat(body.get("status").asString()).isEqualTo("PENDING");
		assertThat(response.headers().firstValue("Location")).hasValue("/orders/" + id);
		assertThat(
				this.jdbc.sql("select status from orders where id = :id").param("id", id).query(String.class).single())
			.isEqualTo("PENDING");
		assertThat(this.jdbc.sql("select count(*) from order_items where order_id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isEqualTo(2);

		ConsumerRecord<String, byte[]> record = queuedRecord(id.toString());
		assertThat(this.json.readTree(record.value()).get("orderId").asString()).isEqualTo(id.toString());
		assertThat(record.headers().lastHeader("__TypeId__")).as("no Java type header in the contract").isNull();
	}

	@Test
	void acceptedOrderReadsBackWithItemsTotalAndHistory() throws Exception {
		String id = this.json.readTree(post(VALID_ORDER, "application/json").body()).get("id").asString();

		HttpResponse<String> response = get("/orders/" + id);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode order = this.json.readTree(response.body());
		assertThat(order.get("status").asString()).isEqualTo("PENDING");
		assertThat(order.get("customerId").asString()).isEqualTo("customer-1");
		assertThat(order.get("total").asString()).isEqualTo("24.98");
		assertThat(order.get("items")).hasSize(2);
		assertThat(order.get("items").get(0).get("unitPrice").asString()).isEqualTo("9.99");
		assertThat(order.get("history").get(0).get("event").asString()).isEqualTo("CREATED");
		assertThat(order.get("createdAt").asString()).isNotBlank();
	}

	@Test
	void invalidOrderNamesEachBadFieldAndWritesNothing() throws Exception {
		long ordersBefore = count("orders");
		long auditBefore = count("audit_logs");

		HttpResponse<String> response = post("""
				{"customerId": "", "currency": "EURO", "items": [{"sku": "A", "quantity": 0, "unitPrice": "-1"}]}
				""", "application/json");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("type").asString()).isEqualTo("urn:orderflow:problem:invalid-request");
		List<String> fields = new ArrayList<>();
		problem.get("errors").forEach((error) -> fields.add(error.get("field").asString()));
		assertThat(fields).containsExactly("currency", "customerId", "items[0].quantity", "items[0].unitPrice");
		assertThat(count("orders")).isEqualTo(ordersBefore);
		assertThat(count("audit_logs")).isEqualTo(auditBefore);
	}

	@Test
	void malformedJsonIsAProblemAndWritesNothing() throws Exception {
		long ordersBefore = count("orders");

		HttpResponse<String> response = post("{\"customerId\": \"c\", ", "application/json");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(this.json.readTree(response.body()).get("detail").asString()).contains("not well-formed JSON");
		assertThat(count("orders")).isEqualTo(ordersBefore);
	}

	@Test
	void wrongTypeNamesTheField() throws Exception {
		HttpResponse<String> response = post("""
				{"customerId": "c", "currency": "EUR", "items": [{"sku": "A", "quantity": 1.5, "unitPrice": "1"}]}
				""", "application/json");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(this.json.readTree(response.body()).get("errors").get(0).get("field").asString())
			.isEqualTo("items[0].quantity");
	}

	@Test
	void unknownOrderIsA404Problem() throws Exception {
		HttpResponse<String> response = get("/orders/" + UUID.randomUUID());

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.json.readTree(response.body()).get("type").asString())
			.isEqualTo("urn:orderflow:problem:order-not-found");
	}

	@Test
	void malformedOrderIdIsA400Problem() throws Exception {
		HttpResponse<String> response = get("/orders/not-a-uuid");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void wrongContentTypeIs415() throws Exception {
		assertThat(post(VALID_ORDER, "text/plain").statusCode()).isEqualTo(415);
	}

	@Test
	void repeatedKeyWithTheSameBodyAnswersWithTheOriginalOrderAndCreatesNothing() throws Exception {
		String key = "key-" + UUID.randomUUID();

		HttpResponse<String> first = post(VALID_ORDER, "application/json", key);
		HttpResponse<String> again = post(VALID_ORDER, "application/json", key);

		assertThat(first.statusCode()).isEqualTo(202);
		assertThat(again.statusCode()).isEqualTo(202);
		String id = this.json.readTree(first.body()).get("id").asString();
		assertThat(this.json.readTree(again.body()).get("id").asString()).isEqualTo(id);
		assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
		assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
		assertThat(this.jdbc.sql("select count(*) from orders where idempotency_key = :key")
			.param("key", key)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from outbox where idempotency_key = :key")
			.param("key", key)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void repeatedKeyWithADifferentBodyIs422AndWritesNothing() throws Exception {
		String key = "key-" + UUID.randomUUID();
		assertThat(post(VALID_ORDER, "application/json", key).statusCode()).isEqualTo(202);
		long ordersBefore = count("orders");

		HttpResponse<String> response = post(VALID_ORDER.replace("\"quantity\": 2", "\"quantity\": 3"),
				"application/json", key);

		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.json.readTree(response.body()).get("type").asString())
			.isEqualTo("urn:orderflow:problem:idempotency-key-reused");
		assertThat(count("orders")).isEqualTo(ordersBefore);
	}

	@Test
	void duplicateArrivingWhileTheFirstIsInFlightIs409() throws Exception {
		String key = "key-" + UUID.randomUUID();
		long ordersBefore = count("orders");
		// Hold the key's lock as a request in flight would.
		long lockId = IdempotencyKeys.lockId("tester", key);
		try (Connection inFlight = this.dataSource.getConnection();
				PreparedStatement lock = inFlight.prepareStatement("select pg_advisory_lock(?)");
				PreparedStatement unlock = inFlight.prepareStatement("select pg_advisory_unlock(?)")) {
			lock.setLong(1, lockId);
			lock.execute();
			try {
				HttpResponse<String> response = post(VALID_ORDER, "application/json", key);

				assertThat(response.statusCode()).isEqualTo(409);
				assertThat(this.json.readTree(response.body()).get("type").asString())
					.isEqualTo("urn:orderflow:problem:idempotency-key-in-flight");
				assertThat(count("orders")).isEqualTo(ordersBefore);
			}
			finally {
				// A pooled connection outlives close(), and so would its session lock.
				unlock.setLong(1, lockId);
				unlock.execute();
			}
		}
		assertThat(post(VALID_ORDER, "application/json", key).statusCode()).isEqualTo(202);
	}

	@Test
	void concurrentDuplicatesCreateOneOrder() throws Exception {
		String key = "key-" + UUID.randomUUID();
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<Future<HttpResponse<String>>> responses = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				responses.add(executor.submit(() -> post(VALID_ORDER, "application/json", key)));
			}
			List<String> ids = new ArrayList<>();
			for (Future<HttpResponse<String>> future : responses) {
				HttpResponse<String> response = future.get(30, TimeUnit.SECONDS);
				assertThat(response.statusCode()).as(response.body()).isIn(202, 409);
				if (response.statusCode() == 202) {
					ids.add(this.json.readTree(response.body()).get("id").asString());
				}
			}
			assertThat(ids).isNotEmpty().allMatch(ids.get(0)::equals);
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(this.jdbc.sql("select count(*) from orders where idempotency_key = :key")
			.param("key", key)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void keyTravelsWithTheOrderToGetAndToKafka() throws Exception {
		String key = "key-" + UUID.randomUUID();
		String id = this.json.readTree(post(VALID_ORDER, "application/json", key).body()).get("id").asString();

		assertThat(this.json.readTree(get("/orders/" + id).body()).get("idempotencyKey").asString()).isEqualTo(key);
		ConsumerRecord<String, byte[]> record = queuedRecord(id);
		assertThat(new String(record.headers().lastHeader("idempotency-key").value(), StandardCharsets.UTF_8))
			.isEqualTo(key);
	}

	@Test
	void expiredKeyCanBeUsedForANewOrder() throws Exception {
		String key = "key-" + UUID.randomUUID();
		String first = this.json.readTree(post(VALID_ORDER, "application/json", key).body()).get("id").asString();
		this.jdbc
			.sql("update idempotency_keys set expires_at = now() - interval '1 second' where idempotency_key = :key")
			.param("key", key)
			.update();

		HttpResponse<String> response = post(VALID_ORDER.replace("customer-1", "customer-2"), "application/json", key);

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(this.json.readTree(response.body()).get("id").asString()).isNotEqualTo(first);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "has space", "tab\there" })
	void malformedKeyIs400AndWritesNothing(String key) throws Exception {
		long ordersBefore = count("orders");

		HttpResponse<String> response = post(VALID_ORDER, "application/json", key);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(count("orders")).isEqualTo(ordersBefore);
	}

	@Test
	void keyLongerThan255CharactersIs400() throws Exception {
		assertThat(post(VALID_ORDER, "application/json", "k".repeat(256)).statusCode()).isEqualTo(400);
		assertThat(post(VALID_ORDER, "application/json", "k".repeat(255)).statusCode()).isEqualTo(202);
	}

	HttpResponse<String> post(String body, String contentType) throws Exception {
		return post(body, contentType, null);
	}

	HttpResponse<String> post(String body, String contentType, String idempotencyKey) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri("/orders"))
			.header("Content-Type", contentType)
			.header("X-API-Key", TestInfrastructure.TEST_API_KEY)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> get(String path) throws Exception {
		return this.http.send(
				HttpRequest.newBuilder(uri(path)).header("X-API-Key", TestInfrastructure.TEST_API_KEY).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	long count(String table) {
		return this.jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	ConsumerRecord<String, byte[]> queuedRecord(String key) {
		String bootstrapServers = String.join(",", this.kafka.getBootstrapServers());
		assertThat(TopicRecords.partitionCount(bootstrapServers, this.topics.orders()))
			.isEqualTo(this.topics.partitions());
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> TopicRecords.readAll(bootstrapServers, this.topics.orders())
				.stream()
				.filter((record) -> key.equals(record.key()))
				.findFirst(), java.util.Optional::isPresent)
			.get();
	}

}

package io.orderflow.observability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.orderflow.infrastructure.DemoInventory;
import io.orderflow.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace from the HTTP request through the outbox and Kafka into the worker: the trace
 * id a client sends with {@code POST /orders} is in the order's record on the orders
 * topic and in the worker's log line about the order.
 */
@ExtendWith(OutputCaptureExtension.class)
class TraceIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@ParameterizedTest(name = "trace flags {0}")
	@ValueSource(strings = { "01", "00" })
	void theClientsTraceRunsThroughTheOutboxAndKafkaIntoTheWorkersLog(String flags, CapturedOutput output)
			throws Exception {
		// Unsampled ("00") too: the trace is not exported then, but its id still ties the
		// order's log lines together.
		String traceId = UUID.randomUUID().toString().replace("-", "");
		try (ObservedServices services = ObservedServices.start(Map.of())) {
			String body = this.json.writeValueAsString(Map.of("customerId", "trace-test", "currency", "EUR", "items",
					List.of(Map.of("sku", DemoInventory.regularSku(3), "quantity", 1, "unitPrice", "3.00"))));
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(URI.create(services.apiUrl() + "/orders"))
					.header("Content-Type", "application/json")
					.header("X-API-Key", TestInfrastructure.TEST_API_KEY)
					.header("traceparent", "00-" + traceId + "-0123456789abcdef-" + flags)
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
			String orderId = this.json.readTree(response.body()).get("id").asString();

			await().atMost(TIMEOUT)
				.until(() -> "COMPLETED".equals(services.jdbc()
					.sql("select status from orders where id = cast(:id as uuid)")
					.param("id", orderId)
					.query(String.class)
					.single()));

			assertThat(services.jdbc()
				.sql("select traceparent from outbox where order_id = cast(:id as uuid)")
				.param("id", orderId)
				.query(String.class)
				.single()).as("the outbox row keeps the request's trace").contains(traceId);
			Header traceParent = recordOf(services, orderId).headers().lastHeader("traceparent");
			assertThat(traceParent).as("the record's traceparent header").isNotNull();
			assertThat(new String(traceParent.value(), StandardCharsets.UTF_8)).startsWith("00-" + traceId + "-");
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(output.getOut()
					.lines()
					.filter((line) -> line.contains("Order completed") && line.contains(orderId))
					.toList()).singleElement().asString().contains(traceId));
		}
	}

	private static ConsumerRecord<String, String> recordOf(ObservedServices services, String orderId) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.property("spring.kafka.bootstrap-servers"));
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			String topic = services.property("orderflow.topics.orders");
			List<TopicPartition> partitions = new ArrayList<>();
			consumer.partitionsFor(topic)
				.forEach((info) -> partitions.add(new TopicPartition(topic, info.partition())));
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			List<ConsumerRecord<String, String>> found = new ArrayList<>();
			await().atMost(TIMEOUT).until(() -> {
				consumer.poll(Duration.ofMillis(500)).forEach(found::add);
				return found.stream().anyMatch((record) -> orderId.equals(record.key()));
			});
			Optional<ConsumerRecord<String, String>> record = found.stream()
				.filter((candidate) -> orderId.equals(candidate.key()))
				.findFirst();
			return record.orElseThrow();
		}
	}

}

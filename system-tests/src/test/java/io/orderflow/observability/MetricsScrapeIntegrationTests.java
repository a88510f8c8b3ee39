package io.orderflow.observability;

import io.orderflow.infrastructure.SpringProperties;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.orderflow.api.ApiApplication;
import io.orderflow.infrastructure.Database;
import io.orderflow.infrastructure.DemoInventory;
import io.orderflow.testsupport.TestInfrastructure;
import io.orderflow.worker.WorkerApplication;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Both services scraped on {@code /actuator/prometheus} while traffic of every kind
 * flows: each series an operator alerts on exists, carries the {@code application} and
 * {@code instance} tags, and moves with the traffic that should move it.
 */
class MetricsScrapeIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final JsonMapper json = JsonMapper.builder().build();

	private static ObservedServices services;

	@BeforeAll
	static void startServices() {
		services = ObservedServices.start(Map.of("orderflow.worker.instance-id", "scraped-worker",
				"orderflow.instance-id", "scraped-api", "orderflow.lag.interval", "1s"));
	}

	@AfterAll
	static void stopServices() {
		if (services != null) {
			services.close();
		}
	}

	@Test
	void everySeriesAnOperatorAlertsOnExistsAndMovesWithTraffic() throws Exception {
		Scrape apiBefore = scrapeApi();
		Scrape workerBefore = scrapeWorker();

		UUID completed = submit(order(DemoInventory.regularSku(1)), "scrape-key-1", 202);
		submit(order(DemoInventory.regularSku(1)), "scrape-key-1", 202); // replayed
		UUID rejected = submit(order("NO-SUCH-SKU"), null, 202);
		submit("{\"customerId\": \"\"}", null, 400);
		await().atMost(TIMEOUT)
			.until(() -> terminal(completed).equals("COMPLETED") && terminal(rejected).equals("REJECTED"));
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", services.property("spring.kafka.bootstrap-servers")),
				new StringSerializer(), new StringSerializer())) {
			String topic = services.property("orderflow.topics.orders");
			producer.send(new ProducerRecord<>(topic, "poison", "not json")).get();
			// The order's record again: a redelivery, acknowledged without effect.
			producer.send(new ProducerRecord<>(topic, completed.toString(), "{\"orderId\":\"" + completed + "\"}"))
				.get();
		}

		await().atMost(TIMEOUT).untilAsserted(() -> {
			Scrape now = scrapeWorker();
			assertThat(now.sum("orderflow_orders_processed_total", "outcome", "dead_lettered")
					- workerBefore.sum("orderflow_orders_processed_total", "outcome", "dead_lettered"))
				.isEqualTo(1);
			assertThat(now.sum("orderflow_orders_processed_total", "outcome", "duplicate")).isPositive();
			assertThat(now.value("orderflow_consumer_group_lag")).isZero();
		});
		Scrape apiAfter = scrapeApi();
		Scrape workerAfter = scrapeWorker();

		// api
		assertThat(apiAfter.sum("orderflow_intake_requests_total", "outcome", "accepted")
				- apiBefore.sum("orderflow_intake_requests_total", "outcome", "accepted"))
			.isEqualTo(2);
		assertThat(apiAfter.sum("orderflow_intake_requests_total", "outcome", "replayed")).isEqualTo(1);
		assertThat(apiAfter.sum("orderflow_intake_requests_total", "outcome", "rejected_invalid")).isEqualTo(1);
		assertThat(apiAfter.series("orderflow_intake_requests_total", "outcome", "unavailable")).isTrue();
		assertThat(apiAfter.sum("http_server_requests_seconds_bucket", "uri", "/orders")).isPositive();
		assertThat(apiAfter.value("orderflow_outbox_backlog")).isZero();
		assertThat(apiAfter.series("orderflow_outbox_oldest_age_seconds", null, null)).isTrue();
		assertThat(apiAfter.sum("orderflow_outbox_latency_seconds_count", null, null)
				- apiBefore.sum("orderflow_outbox_latency_seconds_count", null, null))
			.isEqualTo(2);
		assertThat(apiAfter.series("orderflow_outbox_latency_seconds_bucket", null, null)).isTrue();
		assertThat(apiAfter.sum("kafka_producer_record_send_total", null, null)).isPositive();
		assertThat(apiAfter.text()).contains("application=\"orderflow-api\"").contains("instance=\"scraped-api\"");

		// worker
		assertThat(workerAfter.sum("orderflow_orders_processed_total", "outcome", "completed")).isEqualTo(1);
		assertThat(workerAfter.sum("orderflow_orders_processed_total", "outcome", "rejected")).isEqualTo(1);
		for (String outcome : List.of("retried", "reconciled")) {
			assertThat(workerAfter.series("orderflow_orders_processed_total", "outcome", outcome)).as(outcome).isTrue();
		}
		assertThat(workerAfter.sum("orderflow_orders_batch_size_count", null, null)).isPositive();
		assertThat(workerAfter.sum("orderflow_orders_batch_duration_seconds_count", null, null)).isPositive();
		assertThat(workerAfter.sum("orderflow_orders_end_to_end_seconds_count", "status", "COMPLETED")).isEqualTo(1);
		assertThat(workerAfter.sum("orderflow_orders_end_to_end_seconds_count", "status", "REJECTED")).isEqualTo(1);
		assertThat(workerAfter.series("orderflow_orders_end_to_end_seconds_bucket", "le", "0.25")).isTrue();
		assertThat(workerAfter.series("orderflow_consumer_lag", "partition", "0")).isTrue();
		assertThat(workerAfter.sum("orderflow_orders_dead_lettered_total", "exception", "DeserializationException"))
			.isEqualTo(1);
		assertThat(workerAfter.series("orderflow_reconcile_stuck", null, null)).isTrue();
		assertThat(workerAfter.series("orderflow_cleanup_last_completed_seconds", null, null)).isTrue();
		assertThat(workerAfter.sum("kafka_consumer_fetch_manager_records_consumed_total", null, null)).isPositive();
		assertThat(workerAfter.text()).contains("application=\"orderflow-worker\"")
			.contains("instance=\"scraped-worker\"");
	}

	private static String order(String sku) {
		return json.writeValueAsString(Map.of("customerId", "scrape-test", "currency", "EUR", "items",
				List.of(Map.of("sku", sku, "quantity", 1, "unitPrice", "3.00"))));
	}

	private static UUID submit(String body, String idempotencyKey, int expectedStatus) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(services.apiUrl() + "/orders"))
			.header("Content-Type", "application/json")
			.header("X-API-Key", TestInfrastructure.TEST_API_KEY)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
		return (expectedStatus == 202) ? UUID.fromString(json.readTree(response.body()).get("id").asString()) : null;
	}

	private static String terminal(UUID id) {
		return services.jdbc()
			.sql("select status from orders where id = :id")
			.param("id", id)
			.query(String.class)
			.single();
	}

	private static Scrape scrapeApi() throws Exception {
		return Scrape.of(http, services.apiManagementUrl());
	}

	private static Scrape scrapeWorker() throws Exception {
		return Scrape.of(http, services.workerManagementUrl());
	}

}

package io.orderflow.observability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import io.orderflow.infrastructure.DemoInventory;
import io.orderflow.observability.ChartMonitoringFiles.Query;
import io.orderflow.testsupport.TestInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Helm chart's Grafana dashboard and alert rules query only metrics the services
 * export: every metric name in their PromQL (see {@link ChartMonitoringFiles} and
 * {@link PromQl}) is in a scrape of the api or the worker, both running on the real
 * broker and PostgreSQL after traffic of every kind that makes labelled series appear.
 */
class DashboardAndAlertsIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	private static final int PARTITIONS = 3;

	// The dead-letter topic refuses records above this (as an operator may set it), so a
	// larger poison record's dead letter fails for good and is counted.
	private static final int DEAD_LETTER_LIMIT = 64 * 1024;

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final JsonMapper json = JsonMapper.builder().build();

	private static ObservedServices services;

	@BeforeAll
	static void startServicesAndDriveTraffic() throws Exception {
		services = ObservedServices.start(
				Map.of("orderflow.topics.partitions", String.valueOf(PARTITIONS), "orderflow.lag.interval", "1s"),
				DashboardAndAlertsIntegrationTests::createTopics);

		UUID completed = submit(order(DemoInventory.regularSku(1)));
		UUID rejected = submit(order("NO-SUCH-SKU"));
		await().atMost(TIMEOUT)
			.until(() -> status(completed).equals("COMPLETED") && status(rejected).equals("REJECTED"));
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", services.property("spring.kafka.bootstrap-servers")),
				new StringSerializer(), new StringSerializer())) {
			String topic = services.property("orderflow.topics.orders");
			producer.send(new ProducerRecord<>(topic, "poison", "not json")).get();
			producer.send(new ProducerRecord<>(topic, "refused-poison", "x".repeat(DEAD_LETTER_LIMIT + 1024))).get();
		}
		await().atMost(TIMEOUT).untilAsserted(() -> {
			Scrape now = Scrape.of(http, services.workerManagementUrl());
			assertThat(now.sum("orderflow_orders_dead_lettered_total", "exception", "DeserializationException"))
				.isEqualTo(1);
			assertThat(now.sum("orderflow_orders_dead_letter_failures_total", null, null)).isEqualTo(1);
		});
		// A run that ends makes the cleanup's run timer (by status) exist.
		await().atMost(TIMEOUT).until(() -> runCleanup() == 200);
	}

	@AfterAll
	static void stopServices() {
		if (services != null) {
			services.close();
		}
	}

	@Test
	void everyMetricTheDashboardQueriesIsExportedByTheServices() {
		assertEveryMetricIsExported(ChartMonitoringFiles.dashboardQueries());
	}

	@Test
	void everyMetricTheAlertsQueryIsExportedByTheServices() {
		assertEveryMetricIsExported(ChartMonitoringFiles.alertExpressions());
	}

	private static void assertEveryMetricIsExported(List<Query> queries) {
		assertThat(queries).isNotEmpty();
		// Gauges such as the consumer lag's appear after their first refresh.
		await().atMost(TIMEOUT).untilAsserted(() -> {
			Set<String> exported = new LinkedHashSet<>(Scrape.of(http, services.apiManagementUrl()).names());
			exported.addAll(Scrape.of(http, services.workerManagementUrl()).names());
			Map<String, Set<String>> missing = new TreeMap<>();
			for (Query query : queries) {
				for (String name : PromQl.metricNames(query.expression())) {
					if (!exported.contains(name)) {
						missing.computeIfAbsent(name, (key) -> new LinkedHashSet<>()).add(query.source());
					}
				}
			}
			assertThat(missing).as("metric names queried (and where) that neither service exports").isEmpty();
		});
	}

	private static void createTopics(Map<String, String> properties) throws ExecutionException, InterruptedException {
		String orders = properties.get("orderflow.topics.orders");
		try (Admin admin = Admin
			.create(Map.of("bootstrap.servers", properties.get("spring.kafka.bootstrap-servers")))) {
			admin
				.createTopics(
						List.of(new NewTopic(orders, PARTITIONS, (short) 1),
								new NewTopic(orders + "-dlt", PARTITIONS, (short) 1)
									.configs(Map.of("max.message.bytes", String.valueOf(DEAD_LETTER_LIMIT)))))
				.all()
				.get();
		}
	}

	private static String order(String sku) {
		return json.writeValueAsString(Map.of("customerId", "dashboard-test", "currency", "EUR", "items",
				List.of(Map.of("sku", sku, "quantity", 1, "unitPrice", "3.00"))));
	}

	private static UUID submit(String body) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(services.apiUrl() + "/orders"))
			.header("Content-Type", "application/json")
			.header("X-API-Key", TestInfrastructure.TEST_API_KEY)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return UUID.fromString(json.readTree(response.body()).get("id").asString());
	}

	private static String status(UUID id) {
		return services.jdbc()
			.sql("select status from orders where id = :id")
			.param("id", id)
			.query(String.class)
			.single();
	}

	private static int runCleanup() throws Exception {
		return http
			.send(HttpRequest.newBuilder(URI.create(services.workerManagementUrl() + "/actuator/cleanup"))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

}

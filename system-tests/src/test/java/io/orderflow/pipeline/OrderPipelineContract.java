package io.orderflow.pipeline;

import io.orderflow.infrastructure.SpringProperties;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.orderflow.api.ApiApplication;
import io.orderflow.infrastructure.Database;
import io.orderflow.infrastructure.DemoInventory;
import io.orderflow.testsupport.TestInfrastructure;
import io.orderflow.worker.WorkerApplication;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole pipeline: the api-service and two worker instances (one consumer group), each
 * its own Spring application, on a real broker and a real PostgreSQL, driven over HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OrderPipelineContract {

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<ConfigurableApplicationContext> workers = new ArrayList<>();

	private ConfigurableApplicationContext api;

	private JdbcClient jdbc;

	private String apiUrl;

	/**
	 * Spring properties that point at the infrastructure:
	 * {@code spring.kafka.bootstrap-servers} and {@code spring.datasource.*} at least.
	 */
	abstract Map<String, String> infrastructure();

	@BeforeAll
	void startSystem() {
		Map<String, String> properties = new HashMap<>(infrastructure());
		properties.put("server.port", "0");
		properties.put("management.server.port", "0");
		properties.put("orderflow.security.api-keys.tester", TestInfrastructure.TEST_API_KEY);
		Database database = new Database(properties.get("spring.datasource.url"),
				properties.get("spring.datasource.username"), properties.get("spring.datasource.password"));
		DemoInventory.migrate(database);
		DemoInventory.seedIfEmpty(database);
		this.jdbc = JdbcClient.create(database.dataSource());

		this.api = ApiApplication.application().run(SpringProperties.asArguments(properties));
		this.apiUrl = "http://127.0.0.1:" + this.api.getEnvironment().getProperty("local.server.port");
		for (String instance : List.of("worker-a", "worker-b")) {
			Map<String, String> workerProperties = new HashMap<>(properties);
			workerProperties.put("orderflow.worker.instance-id", instance);
			this.workers.add(WorkerApplication.application().run(SpringProperties.asArguments(workerProperties)));
		}
	}

	@AfterAll
	void stopSystem() {
		this.workers.forEach(ConfigurableApplicationContext::close);
		if (this.api != null) {
			this.api.close();
		}
	}

	@Test
	void twoHundredOrdersEndCompletedOrRejectedAsExpected() throws Exception {
		Map<String, Long> stockBefore = stock();
		List<PlannedOrder> plan = plan(200, new Random(7));

		Map<PlannedOrder, String> ids = submitAll(plan);
		Map<String, JsonNode> finals = awaitFinal(ids.values());

		int scarceCompleted = 0;
		Map<String, Long> reserved = new HashMap<>();
		for (PlannedOrder order : plan) {
			JsonNode result = finals.get(ids.get(order));
			String status = result.get("status").asString();
			switch (order.kind()) {
				case REGULAR -> assertThat(status).as("regular order %s", ids.get(order)).isEqualTo("COMPLETED");
				case UNKNOWN_SKU -> {
					assertThat(status).isEqualTo("REJECTED");
					assertThat(result.get("rejectionReason").asString()).startsWith("unknown SKU");
				}
				case SCARCE -> {
					if (status.equals("REJECTED")) {
						assertThat(result.get("rejectionReason").asString()).startsWith("insufficient stock");
					}
					else {
						scarceCompleted++;
					}
				}
			}
			if (status.equals("COMPLETED")) {
				order.lines().forEach((line) -> reserved.merge(line.sku(), (long) line.quantity(), Long::sum));
			}
		}
		assertThat(scarceCompleted).isEqualTo((int) DemoInventory.SCARCE_STOCK);

		Map<String, Long> stockAfter = stock();
		assertThat(stockAfter.values()).allMatch((available) -> available >= 0);
		stockBefore.forEach((sku, before) -> assertThat(before - stockAfter.get(sku)).as("units of %s taken", sku)
			.isEqualTo(reserved.getOrDefault(sku, 0L)));
		assertThat(terminalEventsPerOrder(ids.values())).allSatisfy((order, events) -> assertThat(events).isOne());
	}

	@Test
	void twoWorkersShareThePartitionsAndNoOrderIsProcessedByBoth() throws Exception {
		List<Set<TopicPartition>> assignments = new ArrayList<>();
		await().atMost(TIMEOUT).untilAsserted(() -> {
			assignments.clear();
			this.workers.forEach((worker) -> assignments.add(assigned(worker)));
			assertThat(assignments).allSatisfy((partitions) -> assertThat(partitions).isNotEmpty());
			Set<TopicPartition> union = new HashSet<>();
			assignments.forEach(union::addAll);
			assertThat(union).hasSize(assignments.get(0).size() + assignments.get(1).size());
			assertThat(union).hasSizeGreaterThanOrEqualTo(6);
		});

		List<PlannedOrder> plan = plan(60, new Random(11)).stream()
			.filter((order) -> order.kind() == Kind.REGULAR)
			.toList();
		Map<PlannedOrder, String> ids = submitAll(plan);
		awaitFinal(ids.values());

		Map<String, Set<String>> workersPerOrder = new HashMap<>();
		this.jdbc.sql("""
				select order_id::text as id, detail ->> 'worker' as worker from audit_logs
				where order_id = any(cast(:ids as uuid[])) and event in ('PROCESSING', 'COMPLETED', 'REJECTED')
				""").param("ids", ids.values().toArray(String[]::new)).query((rs) -> {
			workersPerOrder.computeIfAbsent(rs.getString("id"), (id) -> new HashSet<>()).add(rs.getString("worker"));
		});
		assertThat(workersPerOrder).hasSize(ids.size());
		assertThat(workersPerOrder.values()).allSatisfy((names) -> assertThat(names).hasSize(1));
		Set<String> workersSeen = new HashSet<>();
		workersPerOrder.values().forEach(workersSeen::addAll);
		assertThat(workersSeen).containsExactlyInAnyOrder("worker-a", "worker-b");
		assertThat(terminalEventsPerOrder(ids.values())).allSatisfy((order, events) -> assertThat(events).isOne());
	}

	private static Set<TopicPartition> assigned(ConfigurableApplicationContext worker) {
		MessageListenerContainer container = worker.getBean(KafkaListenerEndpointRegistry.class)
			.getListenerContainer("orders");
		return new HashSet<>(container.getAssignedPartitions());
	}

	/**
	 * Mostly regular orders over 50 hot SKUs; every tenth wants scarce stock, every tenth
	 * an unknown SKU.
	 */
	private static List<PlannedOrder> plan(int count, Random random) {
		List<PlannedOrder> plan = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			if (i % 10 == 3) {
				plan.add(new PlannedOrder(Kind.SCARCE, List.of(new Line(DemoInventory.SCARCE_SKU, 1))));
			}
			else if (i % 10 == 6) {
				plan.add(new PlannedOrder(Kind.UNKNOWN_SKU,
						List.of(new Line(DemoInventory.regularSku(1), 1), new Line("NO-SUCH-SKU-" + i, 1))));
			}
			else {
				List<Line> lines = new ArrayList<>();
				for (int line = 0, n = 1 + random.nextInt(3); line < n; line++) {
					lines.add(new Line(DemoInventory.regularSku(1 + random.nextInt(50)), 1 + random.nextInt(5)));
				}
				plan.add(new PlannedOrder(Kind.REGULAR, lines));
			}
		}
		return plan;
	}

	private Map<PlannedOrder, String> submitAll(List<PlannedOrder> plan) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			Map<PlannedOrder, Future<String>> futures = new java.util.LinkedHashMap<>();
			for (PlannedOrder order : plan) {
				futures.put(order, executor.submit(() -> submit(order)));
			}
			Map<PlannedOrder, String> ids = new java.util.LinkedHashMap<>();
			for (Map.Entry<PlannedOrder, Future<String>> entry : futures.entrySet()) {
				ids.put(entry.getKey(), entry.getValue().get(30, TimeUnit.SECONDS));
			}
			return ids;
		}
		finally {
			executor.shutdownNow();
		}
	}

	private String submit(PlannedOrder order) throws Exception {
		List<Map<String, Object>> items = order.lines()
			.stream()
			.map((line) -> Map.<String, Object>of("sku", line.sku(), "quantity", line.quantity(), "unitPrice",
					new BigDecimal("2.50")))
			.toList();
		String body = this.json
			.writeValueAsString(Map.of("customerId", "pipeline-test", "currency", "EUR", "items", items));
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(this.apiUrl + "/orders"))
			.header("Content-Type", "application/json")
			.header("X-API-Key", TestInfrastructure.TEST_API_KEY)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return this.json.readTree(response.body()).get("id").asString();
	}

	/** Polls {@code GET /orders/{id}} until every order is COMPLETED or REJECTED. */
	private Map<String, JsonNode> awaitFinal(java.util.Collection<String> ids) {
		Map<String, JsonNode> finals = new ConcurrentHashMap<>();
		await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			for (String id : ids) {
				if (!finals.containsKey(id)) {
					HttpResponse<String> response = this.http
						.send(HttpRequest.newBuilder(URI.create(this.apiUrl + "/orders/" + id))
							.header("X-API-Key", TestInfrastructure.TEST_API_KEY)
							.build(), HttpResponse.BodyHandlers.ofString());
					JsonNode order = this.json.readTree(response.body());
					if (List.of("COMPLETED", "REJECTED").contains(order.get("status").asString())) {
						finals.put(id, order);
					}
				}
			}
			assertThat(finals).hasSameSizeAs(ids);
		});
		return finals;
	}

	private Map<String, Long> stock() {
		Map<String, Long> stock = new HashMap<>();
		this.jdbc.sql("select sku, available from inventory").query((rs) -> {
			stock.put(rs.getString("sku"), rs.getLong("available"));
		});
		return stock;
	}

	private Map<String, Long> terminalEventsPerOrder(java.util.Collection<String> ids) {
		Map<String, Long> counts = new HashMap<>();
		ids.forEach((id) -> counts.put(id, 0L));
		this.jdbc.sql("""
				select order_id::text as id, count(*) as events from audit_logs
				where order_id = any(cast(:ids as uuid[])) and event in ('COMPLETED', 'REJECTED') group by order_id
				""").param("ids", ids.toArray(String[]::new)).query((rs) -> {
			counts.put(rs.getString("id"), rs.getLong("events"));
		});
		return counts;
	}

	enum Kind {

		REGULAR, SCARCE, UNKNOWN_SKU

	}

	record Line(String sku, int quantity) {

	}

	/** Identity semantics on purpose: two plans with equal lines are still two orders. */
	static final class PlannedOrder {

		private final Kind kind;

		private final List<Line> lines;

		PlannedOrder(Kind kind, List<Line> lines) {
			this.kind = kind;
			this.lines = lines;
		}

		Kind kind() {
			return this.kind;
		}

		List<Line> lines() {
			return this.lines;
		}

	}

}

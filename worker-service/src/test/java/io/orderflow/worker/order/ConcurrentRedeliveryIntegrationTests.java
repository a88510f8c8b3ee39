package io.orderflow.worker.order;

import io.orderflow.infrastructure.SpringProperties;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.common.messaging.TopicsProperties;
import io.orderflow.testsupport.TestInfrastructure;
import io.orderflow.worker.WorkerApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The same order delivered several times, concurrently, to two worker instances of one
 * group has the effects of one processing: one reservation, one audit trail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentRedeliveryIntegrationTests {

	private static final int PARTITIONS = 6;

	private final List<ConfigurableApplicationContext> workers = new ArrayList<>();

	private OrderFixtures fixtures;

	private JdbcClient jdbc;

	@BeforeAll
	void startTwoWorkers() {
		Map<String, String> properties = TestInfrastructure.shared().isolatedSpringProperties();
		for (String instance : List.of("worker-a", "worker-b")) {
			Map<String, String> worker = new HashMap<>(properties);
			worker.put("orderflow.worker.instance-id", instance);
			worker.put("server.port", "0");
			this.workers.add(WorkerApplication.application().run(SpringProperties.asArguments(worker)));
		}
		ConfigurableApplicationContext first = this.workers.get(0);
		this.jdbc = first.getBean(JdbcClient.class);
		this.fixtures = new OrderFixtures(this.jdbc, properties.get("spring.kafka.bootstrap-servers"),
				first.getBean(TopicsProperties.class));
		await().atMost(OrderFixtures.TIMEOUT)
			.untilAsserted(() -> assertThat(this.workers)
				.allSatisfy((worker) -> assertThat(worker.getBean(KafkaListenerEndpointRegistry.class)
					.getListenerContainer("orders")
					.getAssignedPartitions()).isNotEmpty()));
	}

	@AfterAll
	void stopWorkers() {
		if (this.fixtures != null) {
			this.fixtures.close();
		}
		this.workers.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void orderDeliveredToBothWorkersAtOnceIsProcessedOnce() {
		this.fixtures.stock("A", 10_000);
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			ids.add(this.fixtures.order(this.fixtures.line("A", 2, "1.00")));
		}

		// Every copy on another partition: both workers hold copies of every order at the
		// same time.
		for (UUID id : ids) {
			for (int partition = 0; partition < PARTITIONS; partition++) {
				this.fixtures.sendRaw(partition, id.toString(), OrderFixtures.json(id));
			}
		}

		await().atMost(OrderFixtures.TIMEOUT).until(() -> duplicates() >= ids.size() * (PARTITIONS - 1));
		assertThat(this.fixtures.countWithStatus(ids, "COMPLETED")).isEqualTo(ids.size());
		assertThat(this.fixtures.available("A")).isEqualTo(10_000 - 2L * ids.size());
		Map<String, Long> events = new HashMap<>();
		this.jdbc.sql("select event, count(*) as n from audit_logs where order_id = any(:ids) group by event")
			.param("ids", ids.toArray(UUID[]::new))
			.query((rs) -> {
				events.put(rs.getString("event"), rs.getLong("n"));
			});
		assertThat(events).containsEntry("CREATED", (long) ids.size())
			.containsEntry("PROCESSING", (long) ids.size())
			.containsEntry("COMPLETED", (long) ids.size())
			.hasSize(3);
		assertThat(duplicatesOf(this.workers.get(0))).as("copies worker-a skipped").isPositive();
		assertThat(duplicatesOf(this.workers.get(1))).as("copies worker-b skipped").isPositive();
		assertThat(this.fixtures.deadLetters()).isEmpty();
	}

	private double duplicates() {
		return this.workers.stream().mapToDouble(ConcurrentRedeliveryIntegrationTests::duplicatesOf).sum();
	}

	private static double duplicatesOf(ConfigurableApplicationContext worker) {
		Counter counter = worker.getBean(MeterRegistry.class)
			.find("orderflow.orders.processed")
			.tag("outcome", "duplicate")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}

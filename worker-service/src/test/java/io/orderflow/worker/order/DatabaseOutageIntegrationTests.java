package io.orderflow.worker.order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.orderflow.testsupport.OwnPostgres;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A database outage in the middle of a stream of orders is waited out: the batch is
 * retried with backoff while the consumer stays paused in its group, and nothing is
 * dead-lettered. The test stops and starts a real PostgreSQL server of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.config.name=orderflow-worker", "orderflow.worker.instance-id=outage-test-worker",
				// Backoffs (up to 15 s) longer than the poll interval: without pausing,
				// the group would rebalance.
				"spring.kafka.consumer.properties.max.poll.interval.ms=10000",
				"spring.datasource.hikari.connection-timeout=2000" })
class DatabaseOutageIntegrationTests extends WorkerIntegrationTestSupport {

	private static final Duration OUTAGE = Duration.ofSeconds(20);

	@RegisterExtension
	static final OwnPostgres postgres = new OwnPostgres("outage");

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		postgres.springProperties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@BeforeEach
	void setUp() {
		// Rebalances while the group forms are not the outage's doing: start from a
		// settled group.
		await().atMost(OrderFixtures.TIMEOUT).untilAsserted(() -> {
			Map<String, ?> byConsumer = this.listeners.getListenerContainer("orders").getAssignmentsByClientId();
			assertThat(byConsumer).hasSize(3)
				.allSatisfy((consumer, partitions) -> assertThat((java.util.Collection<?>) partitions).hasSize(2));
		});
	}

	@Test
	void ordersCompleteAfterADatabaseOutageAndNothingIsDeadLettered() {
		this.fixtures.stock("A", 100_000);
		// Slow processing down, so the outage hits while batches are in flight.
		this.jdbc.sql("""
				create function slow_down() returns trigger language plpgsql as $$
				begin perform pg_sleep(0.02); return new; end $$""").update();
		this.jdbc.sql("create trigger slow_down before update on orders for each row execute function slow_down()")
			.update();
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			ids.add(this.fixtures.order(this.fixtures.line("A", 1 + (i % 3), "1.00")));
		}
		ids.forEach(this.fixtures::send);
		await().atMost(OrderFixtures.TIMEOUT).until(() -> this.fixtures.countWithStatus(ids, "COMPLETED") >= 30);
		double rebalancesBefore = rebalances();
		long completedBeforeTheOutage = this.fixtures.countWithStatus(ids, "COMPLETED");

		postgres.stop();
		// For the whole outage: the worker keeps its partitions and dead-letters nothing.
		await().during(OUTAGE).atMost(OUTAGE.plusSeconds(10)).untilAsserted(() -> {
			assertThat(this.listeners.getListenerContainer("orders").isInExpectedState()).isTrue();
			assertThat(this.fixtures.deadLetters()).isEmpty();
		});
		postgres.start();

		await().atMost(OrderFixtures.TIMEOUT)
			.ignoreExceptions() // the test's own pool reconnects too
			.until(() -> this.fixtures.countWithStatus(ids, "COMPLETED") == ids.size());
		assertThat(completedBeforeTheOutage).as("orders still open when the database stopped").isLessThan(ids.size());
		assertThat(this.fixtures.deadLetters()).isEmpty();
		assertThat(rebalances()).isEqualTo(rebalancesBefore);
		long reserved = this.jdbc.sql("select coalesce(sum(quantity), 0) from order_items where order_id = any(:ids)")
			.param("ids", ids.toArray(UUID[]::new))
			.query(Long.class)
			.single();
		assertThat(this.fixtures.available("A")).isEqualTo(100_000 - reserved);
		assertThat(this.jdbc.sql("""
				select count(*) from audit_logs where order_id = any(:ids) and event = 'COMPLETED'
				""").param("ids", ids.toArray(UUID[]::new)).query(Long.class).single()).isEqualTo(ids.size());
	}

	/**
	 * Rebalances the worker's consumers have taken part in, from the Kafka client
	 * metrics.
	 */
	private double rebalances() {
		MessageListenerContainer container = this.listeners.getListenerContainer("orders");
		double total = 0;
		for (Map<MetricName, ? extends Metric> metrics : container.metrics().values()) {
			for (Map.Entry<MetricName, ? extends Metric> metric : metrics.entrySet()) {
				if (metric.getKey().name().equals("rebalance-total")
						&& metric.getKey().group().equals("consumer-coordinator-metrics")) {
					total += ((Number) metric.getValue().metricValue()).doubleValue();
				}
			}
		}
		return total;
	}

}

package io.orderflow.worker.order;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.orderflow.common.messaging.OrderHeaders;
import io.orderflow.testsupport.TestInfrastructure;
import io.orderflow.infrastructure.TopicRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The safety net: an order left non-terminal past {@code stuck-after} is re-driven
 * through Kafka with provenance headers, and after {@code max-attempts} marked
 * {@code FAILED} with its reason and where to find its dead letter; health shows stuck
 * orders while nobody reconciles them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.config.name=orderflow-worker", "orderflow.worker.instance-id=reconcile-test-worker",
				"orderflow.reconcile.stuck-after=2s", "orderflow.reconcile.interval=500ms",
				"orderflow.reconcile.max-attempts=2", "orderflow.worker.retry.initial-interval=200ms",
				"orderflow.worker.retry.max-interval=500ms", "orderflow.worker.retry.jitter=0ms",
				"orderflow.worker.retry.max-elapsed-time=2s" })
class ReconcileIntegrationTests extends WorkerIntegrationTestSupport {

	@Autowired
	@Qualifier("reconcileHealthIndicator")
	HealthIndicator health;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.shared()
			.isolatedSpringProperties()
			.forEach((name, value) -> registry.add(name, () -> value));
	}

	@Test
	void orderWhoseRecordWasNeverPublishedIsReDrivenAndCompletesOnce() {
		this.fixtures.stock("A", 10);
		// Stored, but its record never reached Kafka: the kind of gap nobody foresaw.
		UUID lost = this.fixtures.order(this.fixtures.line("A", 3, "1.00"));

		this.fixtures.awaitStatus(lost, "COMPLETED");

		assertThat(this.fixtures.events(lost)).containsExactly("CREATED", "RECONCILED", "PROCESSING", "COMPLETED");
		assertThat(this.fixtures.available("A")).isEqualTo(7);
		ConsumerRecord<String, byte[]> redriven = ordersRecords(lost).get(0);
		assertThat(new String(redriven.value(), StandardCharsets.UTF_8)).isEqualTo("{\"orderId\":\"" + lost + "\"}");
		assertThat(OrderFixtures.header(redriven, OrderHeaders.RECONCILE_COUNT)).isEqualTo("1");
		assertThat(OrderFixtures.header(redriven, OrderHeaders.RECONCILED_AT)).isNotBlank();
	}

	@Test
	void orderWaitingInTheBacklogIsNotReDriven() {
		this.fixtures.stock("A", 10);
		awaitAllConsumersAssigned();
		MessageListenerContainer container = this.listeners.getListenerContainer("orders");
		container.pause();
		UUID waiting;
		try {
			waiting = this.fixtures.order(this.fixtures.line("A", 1, "1.00"));
			this.fixtures.send(waiting);

			// Stuck by the clock (2 s) many times over, but its record is still queued:
			// re-driving it
			// would only lengthen the queue.
			await().during(Duration.ofSeconds(6))
				.atMost(Duration.ofSeconds(10))
				.until(() -> this.fixtures.events(waiting).equals(List.of("CREATED")));
		}
		finally {
			container.resume();
		}

		this.fixtures.awaitStatus(waiting, "COMPLETED");
		assertThat(this.fixtures.events(waiting)).containsExactly("CREATED", "PROCESSING", "COMPLETED");
		assertThat(ordersRecords(waiting)).hasSize(1);
	}

	@Test
	@SuppressWarnings("try") // the fault lasts as long as the try block
	void orderThatNeverFinishesIsFailedAfterItsReDrivesAndAReplayStillCompletesIt() {
		this.fixtures.stock("A", 10);
		UUID stuck = this.fixtures.order(this.fixtures.line("A", 1, "1.00"));
		// Every attempt to finish it fails as if the database kept aborting it (a
		// serialization failure):
		// transient, so retried, then dead-lettered when the budget is spent, leaving the
		// order PROCESSING.
		try (OrderFixtures.CompletionFault fault = this.fixtures.failCompletion(stuck, "40001")) {
			this.fixtures.send(stuck);

			await().atMost(OrderFixtures.TIMEOUT).until(() -> this.fixtures.status(stuck).equals("FAILED"));
		}
		String reason = this.jdbc.sql("select failure_reason from orders where id = :id")
			.param("id", stuck)
			.query(String.class)
			.single();
		String deadLetter = this.jdbc.sql("select dead_letter from orders where id = :id")
			.param("id", stuck)
			.query(String.class)
			.single();
		assertThat(reason).contains("stuck in PROCESSING").contains("re-driven 2 time(s)");
		List<ConsumerRecord<String, byte[]>> deadLetters = this.fixtures.deadLetters(stuck.toString());
		assertThat(deadLetters).hasSizeGreaterThanOrEqualTo(2);
		assertThat(deadLetter)
			.isEqualTo(this.topics.ordersDeadLetter() + "-" + deadLetters.get(0).partition() + " key " + stuck);
		assertThat(this.fixtures.events(stuck)).filteredOn("RECONCILED"::equals).hasSize(2);
		assertThat(this.fixtures.events(stuck)).filteredOn("FAILED"::equals).hasSize(1);

		// The operator replays its dead letter once the cause is gone.
		this.fixtures.send(stuck);

		this.fixtures.awaitStatus(stuck, "COMPLETED");
		assertThat(this.fixtures.available("A")).isEqualTo(9);
	}

	@Test
	void healthShowsStuckOrdersWhileNobodyReconcilesThem() {
		this.fixtures.stock("A", 10);
		// Another instance holds the reconcile lock and does nothing with it.
		this.jdbc.sql("""
				insert into shedlock (name, lock_until, locked_at, locked_by)
				values ('orderflow-reconcile', now() + interval '1 hour', now(), 'elsewhere')
				on conflict (name) do update set lock_until = excluded.lock_until, locked_by = excluded.locked_by
				""").update();
		UUID stuck;
		try {
			stuck = this.fixtures.order(this.fixtures.line("A", 1, "1.00"));

			await().atMost(OrderFixtures.TIMEOUT)
				.until(() -> this.health.health().getStatus().getCode().equals("DEGRADED"));
			assertThat(this.health.health().getDetails()).containsEntry("stuck", 1L);
			assertThat(this.fixtures.status(stuck)).isEqualTo("PENDING");
		}
		finally {
			this.jdbc.sql("update shedlock set lock_until = now() where name = 'orderflow-reconcile'").update();
		}

		this.fixtures.awaitStatus(stuck, "COMPLETED");
		await().atMost(OrderFixtures.TIMEOUT).until(() -> this.health.health().getStatus().getCode().equals("UP"));
	}

	private List<ConsumerRecord<String, byte[]>> ordersRecords(UUID id) {
		return TopicRecords.readAll(bootstrapServers(), this.topics.orders())
			.stream()
			.filter((record) -> id.toString().equals(record.key()))
			.toList();
	}

}

package io.orderflow.worker.order;

import java.util.List;
import java.util.UUID;

import io.orderflow.common.messaging.DeadLetterHeaders;
import io.orderflow.testsupport.OwnPostgres;
import io.orderflow.worker.retry.TransientFailureException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A transient failure that outlasts the retry budget sends the batch to the dead-letter
 * topic, saying how often it was tried and why, instead of blocking the partition
 * forever.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.config.name=orderflow-worker", "orderflow.worker.instance-id=budget-test-worker",
				"orderflow.worker.retry.initial-interval=200ms", "orderflow.worker.retry.max-interval=1s",
				"orderflow.worker.retry.jitter=0ms", "orderflow.worker.retry.max-elapsed-time=4s",
				"spring.datasource.hikari.connection-timeout=500" })
class RetryBudgetIntegrationTests extends WorkerIntegrationTestSupport {

	@RegisterExtension
	static final OwnPostgres postgres = new OwnPostgres("budget");

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		postgres.springProperties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@Test
	void batchStillFailingAfterTheBudgetIsDeadLetteredWithItsAttempts() {
		this.fixtures.stock("A", 10);
		UUID id = this.fixtures.order(this.fixtures.line("A", 1, "1.00"));
		// A rebalance during the outage could lose the dead letter's offset commit and
		// process the order later.
		awaitAllConsumersAssigned();
		postgres.stop();
		try {
			this.fixtures.send(id);

			ConsumerRecord<String, byte[]> deadLetter = await().atMost(OrderFixtures.TIMEOUT)
				.until(() -> this.fixtures.deadLetters(id.toString()), (records) -> !records.isEmpty())
				.get(0);

			assertThat(deadLetter.value()).isEqualTo(OrderFixtures.json(id));
			assertThat(OrderFixtures.header(deadLetter, "kafka_dlt-exception-fqcn"))
				.as(OrderFixtures.header(deadLetter, "kafka_dlt-exception-stacktrace"))
				.isEqualTo(TransientFailureException.class.getName());
			assertThat(OrderFixtures.header(deadLetter, "kafka_dlt-exception-cause-fqcn"))
				.isEqualTo("java.net.ConnectException");
			assertThat(Integer.parseInt(OrderFixtures.header(deadLetter, DeadLetterHeaders.ATTEMPTS)))
				.isGreaterThanOrEqualTo(3);
		}
		finally {
			postgres.start();
		}
		await().atMost(OrderFixtures.TIMEOUT)
			.ignoreExceptions()
			.until(() -> this.fixtures.status(id).equals("PENDING"));
		assertThat(this.fixtures.events(id)).containsExactly("CREATED");
		assertThat(List.of(this.fixtures.available("A"))).containsExactly(10L);
	}

}

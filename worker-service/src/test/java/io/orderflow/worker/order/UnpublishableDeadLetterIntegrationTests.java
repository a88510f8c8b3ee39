package io.orderflow.worker.order;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.testsupport.TestInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A dead letter the broker refuses for good (here: larger than the dead-letter topic's
 * {@code max.message.bytes}, which an operator set below the worker's limit) does not
 * block its partition in endless retries: it is logged and counted, its order becomes
 * {@code FAILED} saying that its dead letter could not be published, and the records
 * behind it are processed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
		"spring.config.name=orderflow-worker", "orderflow.worker.instance-id=unpublishable-test-worker" })
class UnpublishableDeadLetterIntegrationTests extends WorkerIntegrationTestSupport {

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) throws ExecutionException, InterruptedException {
		Map<String, String> properties = TestInfrastructure.shared().isolatedSpringProperties();
		String orders = properties.get("orderflow.topics.orders");
		try (Admin admin = Admin
			.create(Map.of("bootstrap.servers", properties.get("spring.kafka.bootstrap-servers")))) {
			admin
				.createTopics(List.of(new NewTopic(orders, 6, (short) 1),
						new NewTopic(orders + "-dlt", 6, (short) 1).configs(Map.of("max.message.bytes", "4096"))))
				.all()
				.get();
		}
		properties.forEach((name, value) -> registry.add(name, () -> value));
	}

	@Test
	@SuppressWarnings("try") // the fault lasts as long as the try block
	void orderWhoseDeadLetterTheBrokerRefusesIsFailedAndTheRecordsBehindItAreProcessed() {
		this.fixtures.stock("A", 10);
		UUID refused = this.fixtures.order(this.fixtures.line("A", 1, "1.00"));
		UUID behind = this.fixtures.order(this.fixtures.line("A", 1, "1.00"));
		try (OrderFixtures.CompletionFault fault = this.fixtures.failCompletion(refused, "P0001")) {
			this.fixtures.sendRaw(1, refused.toString(), OrderFixtures.json(refused));
			this.fixtures.sendRaw(1, behind.toString(), OrderFixtures.json(behind));

			this.fixtures.awaitStatus(behind, "COMPLETED");
			this.fixtures.awaitStatus(refused, "FAILED");
			Map<String, Object> row = this.jdbc.sql("select failure_reason, dead_letter from orders where id = :id")
				.param("id", refused)
				.query()
				.singleRow();
			assertThat((String) row.get("failure_reason")).contains("simulated permanent failure")
				.contains("its dead letter could not be published either")
				.contains("RecordTooLargeException");
			assertThat(row.get("dead_letter")).isNull();
			assertThat(this.fixtures.deadLetters(refused.toString())).isEmpty();
			await().atMost(OrderFixtures.TIMEOUT)
				.until(() -> this.meters.counter("orderflow.orders.dead.letter.failures").count() >= 1);
		}
	}

}

package io.orderflow.worker.order;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import io.orderflow.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No failure that belongs to one order leaves it in a non-terminal status without a
 * record of why: what the worker writes is bounded, and an order whose record is
 * dead-lettered for good becomes {@code FAILED} with the reason and where its dead letter
 * is, from where a replay completes it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.config.name=orderflow-worker", "orderflow.worker.instance-id=stranded-test-worker" })
class StrandedOrderIntegrationTests extends WorkerIntegrationTestSupport {

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.shared()
			.isolatedSpringProperties()
			.forEach((name, value) -> registry.add(name, () -> value));
	}

	@Test
	void orderWithThirtyLongUnknownSkusIsRejectedWithABoundedReasonAndTheFullListInItsAuditRow() {
		this.fixtures.stock("A", 10);
		PendingOrder.Line[] lines = IntStream.rangeClosed(1, 30)
			.mapToObj((i) -> this.fixtures.line("UNKNOWN-" + "s".repeat(30) + "-" + i, 1, "1.00"))
			.toArray(PendingOrder.Line[]::new);
		UUID longReason = this.fixtures.order(lines);
		UUID batchMate = this.fixtures.order(this.fixtures.line("A", 1, "1.00"));

		this.fixtures.sendRaw(0, longReason.toString(), OrderFixtures.json(longReason));
		this.fixtures.sendRaw(0, batchMate.toString(), OrderFixtures.json(batchMate));

		this.fixtures.awaitStatus(longReason, "REJECTED");
		this.fixtures.awaitStatus(batchMate, "COMPLETED");
		assertThat(this.fixtures.rejectionReason(longReason)).startsWith("unknown SKU: ")
			.hasSizeLessThanOrEqualTo(ReasonSummary.MAX_LENGTH)
			.matches(".* and \\d+ more");
		List<?> unknown = this.jdbc.sql("""
				select detail -> 'unknownSkus' from audit_logs where order_id = :id and event = 'REJECTED'
				""").param("id", longReason).query((rs, row) -> rs.getString(1)).list();
		assertThat(unknown).singleElement().asString().contains("UNKNOWN-" + "s".repeat(30) + "-30");
		assertThat(this.fixtures.deadLetters(longReason.toString())).isEmpty();
	}

	@Test
	@SuppressWarnings("try") // the fault lasts as long as the try block
	void orderDeadLetteredForGoodIsFailedWithItsReasonAndDeadLetterAndAReplayCompletesIt() {
		this.fixtures.stock("A", 10);
		UUID refused = this.fixtures.order(this.fixtures.line("A", 2, "1.00"));
		try (OrderFixtures.CompletionFault fault = this.fixtures.failCompletion(refused, "P0001")) {
			this.fixtures.send(refused);

			this.fixtures.awaitStatus(refused, "FAILED");
			ConsumerRecord<String, byte[]> deadLetter = this.fixtures.deadLetters(refused.toString()).get(0);
			Map<String, Object> row = this.jdbc.sql("select failure_reason, dead_letter from orders where id = :id")
				.param("id", refused)
				.query()
				.singleRow();
			assertThat((String) row.get("failure_reason")).contains("simulated permanent failure for order " + refused);
			assertThat(row.get("dead_letter"))
				.isEqualTo(deadLetter.topic() + "-" + deadLetter.partition() + "@" + deadLetter.offset());
			assertThat(this.fixtures.events(refused)).containsExactly("CREATED", "PROCESSING", "FAILED");
		}

		// What an operator does once the cause is fixed: replay the dead letter.
		this.fixtures.send(refused);

		this.fixtures.awaitStatus(refused, "COMPLETED");
		assertThat(this.fixtures.available("A")).isEqualTo(8);
		assertThat(this.jdbc.sql("select failure_reason from orders where id = :id")
			.param("id", refused)
			.query(String.class)
			.optional()).isEmpty();
		assertThat(this.fixtures.events(refused)).containsExactly("CREATED", "PROCESSING", "FAILED", "PROCESSING",
				"COMPLETED");
	}

	@Test
	void unknownOrderIsOnlyDeadLetteredThereIsNothingToMark() {
		UUID missing = UUID.randomUUID();

		this.fixtures.send(missing);

		await().atMost(OrderFixtures.TIMEOUT).until(() -> !this.fixtures.deadLetters(missing.toString()).isEmpty());
		assertThat(this.jdbc.sql("select count(*) from audit_logs where order_id = :id")
			.param("id", missing)
			.query(Long.class)
			.single()).isZero();
	}

}

package io.orderflow.worker.order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What order processing must do on a real broker and a real PostgreSQL. Subclasses supply
 * the infrastructure: local processes, or Testcontainers where Docker is available.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.config.name=orderflow-worker", "orderflow.worker.instance-id=test-worker" })
abstract class OrderProcessingContract extends WorkerIntegrationTestSupport {

	private static final Duration TIMEOUT = OrderFixtures.TIMEOUT;

	@Autowired
	MeterRegistry meters;

	@Test
	void orderWithStockIsCompletedAndReservesItsLines() {
		this.fixtures.stock("A", 10);
		this.fixtures.stock("B", 5);
		UUID id = this.fixtures.order(this.fixtures.line("A", 2, "1.50"), this.fixtures.line("B", 1, "4.00"),
				this.fixtures.line("A", 1, "1.50"));

		this.fixtures.send(id);

		this.fixtures.awaitStatus(id, "COMPLETED");
		assertThat(this.fixtures.available("A")).isEqualTo(7);
		assertThat(this.fixtures.available("B")).isEqualTo(4);
		assertThat(this.fixtures.events(id)).containsExactly("CREATED", "PROCESSING", "COMPLETED");
	}

	@Test
	void orderForAnUnknownSkuIsRejectedAndReservesNothing() {
		this.fixtures.stock("A", 10);
		UUID id = this.fixtures.order(this.fixtures.line("A", 1, "1.00"), this.fixtures.line("MISSING", 1, "1.00"));

		this.fixtures.send(id);

		this.fixtures.awaitStatus(id, "REJECTED");
		assertThat(this.fixtures.rejectionReason(id)).isEqualTo("unknown SKU: " + this.fixtures.sku("MISSING"));
		assertThat(this.fixtures.available("A")).isEqualTo(10);
		assertThat(this.fixtures.events(id)).containsExactly("CREATED", "PROCESSING", "REJECTED");
	}

	@Test
	void orderWhoseStoredTotalDisagreesWithItsLinesIsRejected() {
		this.fixtures.stock("A", 10);
		UUID id = this.fixtures.order(this.fixtures.line("A", 2, "1.00"));
		this.jdbc.sql("update orders set total = 1 where id = :id").param("id", id).update();

		this.fixtures.send(id);

		this.fixtures.awaitStatus(id, "REJECTED");
		assertThat(this.fixtures.rejectionReason(id)).startsWith("total mismatch");
		assertThat(this.fixtures.available("A")).isEqualTo(10);
	}

	@Test
	void redeliveredOrderIsProcessedOnce() {
		this.fixtures.stock("A", 100);
		UUID id = this.fixtures.order(this.fixtures.line("A", 3, "1.00"));
		double duplicatesBefore = duplicates();

		for (int i = 0; i < 5; i++) {
			this.fixtures.send(id);
		}

		this.fixtures.awaitStatus(id, "COMPLETED");
		await().atMost(TIMEOUT).until(() -> duplicates() - duplicatesBefore >= 4);
		assertThat(this.fixtures.available("A")).isEqualTo(97);
		assertThat(this.fixtures.events(id)).containsExactly("CREATED", "PROCESSING", "COMPLETED");
	}

	@Test
	void scarceStockIsNeverOversold() {
		this.fixtures.stock("SCARCE", 10);
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			ids.add(this.fixtures.order(this.fixtures.line("SCARCE", 1 + (i % 3), "2.00")));
		}

		ids.forEach(this.fixtures::send);

		await().atMost(TIMEOUT).until(() -> this.fixtures.countWithStatus(ids, "PENDING", "PROCESSING") == 0);
		long reserved = this.jdbc.sql("""
				select coalesce(sum(i.quantity), 0) from order_items i join orders o on o.id = i.order_id
				where o.id = any(:ids) and o.status = 'COMPLETED'
				""").param("ids", ids.toArray(UUID[]::new)).query(Long.class).single();
		assertThat(reserved).isBetween(1L, 10L);
		assertThat(this.fixtures.available("SCARCE")).isEqualTo(10 - reserved).isNotNegative();
		assertThat(this.fixtures.countWithStatus(ids, "REJECTED")).isPositive();
	}

	double duplicates() {
		io.micrometer.core.instrument.Counter counter = this.meters.find("orderflow.orders.processed")
			.tag("outcome", "duplicate")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}

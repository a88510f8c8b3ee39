package io.orderflow.worker.order;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.common.messaging.TopicsProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What order processing must do on a real broker and a real PostgreSQL. Subclasses supply the
 * infrastructure: local processes, or Testcontainers where Docker is available.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.config.name=orderflow-worker", "orderflow.worker.instance-id=test-worker" })
abstract class OrderProcessingContract {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@Autowired
	JdbcClient jdbc;

	@Autowired
	KafkaTemplate<String, String> kafka;

	@Autowired
	TopicsProperties topics;

	@Autowired
	MeterRegistry meters;

	/** SKUs of one test, so tests never share stock. */
	String prefix;

	@BeforeEach
	void uniqueSkus() {
		this.prefix = "T" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "-";
	}

	@Test
	void orderWithStockIsCompletedAndReservesItsLines() {
		stock("A", 10);
		stock("B", 5);
		UUID id = order(line("A", 2, "1.50"), line("B", 1, "4.00"), line("A", 1, "1.50"));

		send(id);

		awaitStatus(id, "COMPLETED");
		assertThat(available("A")).isEqualTo(7);
		assertThat(available("B")).isEqualTo(4);
		assertThat(events(id)).containsExactly("CREATED", "PROCESSING", "COMPLETED");
	}

	@Test
	void orderForAnUnknownSkuIsRejectedAndReservesNothing() {
		stock("A", 10);
		UUID id = order(line("A", 1, "1.00"), line("MISSING", 1, "1.00"));

		send(id);

		awaitStatus(id, "REJECTED");
		assertThat(rejectionReason(id)).isEqualTo("unknown SKU: " + this.prefix + "MISSING");
		assertThat(available("A")).isEqualTo(10);
		assertThat(events(id)).containsExactly("CREATED", "PROCESSING", "REJECTED");
	}

	@Test
	void orderWhoseStoredTotalDisagreesWithItsLinesIsRejected() {
		stock("A", 10);
		UUID id = order(line("A", 2, "1.00"));
		this.jdbc.sql("update orders set total = 1 where id = :id").param("id", id).update();

		send(id);

		awaitStatus(id, "REJECTED");
		assertThat(rejectionReason(id)).startsWith("total mismatch");
		assertThat(available("A")).isEqualTo(10);
	}

	@Test
	void redeliveredOrderIsProcessedOnce() {
		stock("A", 100);
		UUID id = order(line("A", 3, "1.00"));
		double duplicatesBefore = duplicates();

		for (int i = 0; i < 5; i++) {
			send(id);
		}

		awaitStatus(id, "COMPLETED");
		await().atMost(TIMEOUT).until(() -> duplicates() - duplicatesBefore >= 4);
		assertThat(available("A")).isEqualTo(97);
		assertThat(events(id)).containsExactly("CREATED", "PROCESSING", "COMPLETED");
	}

	@Test
	void scarceStockIsNeverOversold() {
		stock("SCARCE", 10);
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			ids.add(order(line("SCARCE", 1 + (i % 3), "2.00")));
		}

		ids.forEach(this::send);

		await().atMost(TIMEOUT).until(() -> countWithStatus(ids, "PENDING", "PROCESSING") == 0);
		long reserved = this.jdbc.sql("""
				select coalesce(sum(i.quantity), 0) from order_items i join orders o on o.id = i.order_id
				where o.id = any(:ids) and o.status = 'COMPLETED'
				""").param("ids", ids.toArray(UUID[]::new)).query(Long.class).single();
		assertThat(reserved).isBetween(1L, 10L);
		assertThat(available("SCARCE")).isEqualTo(10 - reserved).isNotNegative();
		assertThat(countWithStatus(ids, "REJECTED")).isPositive();
	}

	void stock(String sku, long available) {
		this.jdbc.sql("insert into inventory (sku, available) values (:sku, :available)")
			.param("sku", this.prefix + sku)
			.param("available", available)
			.update();
	}

	PendingOrder.Line line(String sku, int quantity, String unitPrice) {
		return new PendingOrder.Line(this.prefix + sku, quantity, new BigDecimal(unitPrice));
	}

	/** Stores a PENDING order as the api-service would. */
	UUID order(PendingOrder.Line... lines) {
		UUID id = UUID.randomUUID();
		BigDecimal total = BigDecimal.ZERO;
		for (PendingOrder.Line line : lines) {
			total = total.add(line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())));
		}
		this.jdbc.sql("insert into orders (id, customer_id, currency, total, status) values (:id, 'c', 'EUR', :total, 'PENDING')")
			.param("id", id)
			.param("total", total)
			.update();
		int lineNo = 0;
		for (PendingOrder.Line line : lines) {
			this.jdbc.sql("""
					insert into order_items (order_id, line_no, sku, quantity, unit_price)
					values (:id, :lineNo, :sku, :quantity, :unitPrice)
					""")
				.params(Map.of("id", id, "lineNo", ++lineNo, "sku", line.sku(), "quantity", line.quantity(), "unitPrice",
						line.unitPrice()))
				.update();
		}
		this.jdbc.sql("insert into audit_logs (order_id, event) values (:id, 'CREATED')").param("id", id).update();
		return id;
	}

	/** Publishes the contract's JSON, as any producer in any language would. */
	void send(UUID id) {
		this.kafka.send(this.topics.orders(), id.toString(), "{\"orderId\":\"" + id + "\"}").join();
	}

	void awaitStatus(UUID id, String status) {
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(this.jdbc.sql("select status from orders where id = :id")
				.param("id", id)
				.query(String.class)
				.single()).isEqualTo(status));
	}

	long available(String sku) {
		return this.jdbc.sql("select available from inventory where sku = :sku")
			.param("sku", this.prefix + sku)
			.query(Long.class)
			.single();
	}

	String rejectionReason(UUID id) {
		return this.jdbc.sql("select rejection_reason from orders where id = :id").param("id", id).query(String.class).single();
	}

	List<String> events(UUID id) {
		return this.jdbc.sql("select event from audit_logs where order_id = :id order by id")
			.param("id", id)
			.query(String.class)
			.list();
	}

	long countWithStatus(List<UUID> ids, String... statuses) {
		return this.jdbc.sql("select count(*) from orders where id = any(:ids) and status = any(:statuses)")
			.param("ids", ids.toArray(UUID[]::new))
			.param("statuses", statuses)
			.query(Long.class)
			.single();
	}

	double duplicates() {
		io.micrometer.core.instrument.Counter counter = this.meters.find("orderflow.orders.processed")
			.tag("outcome", "duplicate")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}

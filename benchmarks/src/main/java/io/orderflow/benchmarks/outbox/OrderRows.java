package io.orderflow.benchmarks.outbox;

import java.math.BigDecimal;
import java.util.UUID;

import io.orderflow.common.order.OrderStatus;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The order row both contenders store in the transaction that also queues the order for
 * Kafka.
 */
final class OrderRows {

	private final JdbcClient jdbc;

	OrderRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(UUID id) {
		this.jdbc.sql("""
				insert into orders (id, customer_id, currency, total, status)
				values (:id, :customerId, :currency, :total, :status)
				""")
			.param("id", id)
			.param("customerId", "outbox-benchmark")
			.param("currency", "EUR")
			.param("total", BigDecimal.ONE)
			.param("status", OrderStatus.PENDING.name())
			.update();
	}

}

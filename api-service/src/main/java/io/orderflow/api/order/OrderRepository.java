package io.orderflow.api.order;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.orderflow.api.outbox.Outbox;
import io.orderflow.common.order.OrderStatus;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Orders, their lines and their audit trail in PostgreSQL.
 */
@Repository
class OrderRepository {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Outbox outbox;

	OrderRepository(JdbcClient jdbc, JsonMapper json, Outbox outbox) {
		this.jdbc = jdbc;
		this.json = json;
		this.outbox = outbox;
	}

	/**
	 * Stores a new {@code PENDING} order, its lines, its {@code CREATED} audit row and
	 * its outbox row in one transaction: an order is stored if and only if it will be
	 * published.
	 */
	@Transactional
	void insert(UUID id, SubmitOrderRequest request, BigDecimal total, String idempotencyKey, String owner) {
		this.jdbc.sql("""
				insert into orders (id, customer_id, currency, total, status, idempotency_key, owner)
				values (:id, :customerId, :currency, :total, :status, :idempotencyKey, :owner)
				""")
			.param("id", id)
			.param("customerId", request.customerId())
			.param("currency", request.currency())
			.param("total", total)
			.param("status", OrderStatus.PENDING.name())
			.param("idempotencyKey", idempotencyKey)
			.param("owner", owner)
			.update();
		int line = 0;
		for (OrderItemRequest item : request.items()) {
			this.jdbc.sql("""
					insert into order_items (order_id, line_no, sku, quantity, unit_price)
					values (:orderId, :lineNo, :sku, :quantity, :unitPrice)
					""")
				.param("orderId", id)
				.param("lineNo", ++line)
				.param("sku", item.sku())
				.param("quantity", item.quantity())
				.param("unitPrice", item.unitPrice())
				.update();
		}
		Map<String, Object> detail = Map.of("status", OrderStatus.PENDING.name(), "lines", request.items().size(),
				"total", total.toPlainString());
		this.jdbc.sql(
				"insert into audit_logs (order_id, event, detail) values (:orderId, 'CREATED', cast(:detail as jsonb))")
			.param("orderId", id)
			.param("detail", this.json.writeValueAsString(detail))
			.update();
		this.outbox.enqueue(id, idempotencyKey);
	}

	/** The order, if it exists and belongs to {@code owner}. */
	@Transactional(readOnly = true)
	Optional<OrderView> find(UUID id, String owner) {
		return this.jdbc.sql("""
				select id, customer_id, currency, total, status, rejection_reason, failure_reason, dead_letter,
				    idempotency_key, created_at, updated_at
				from orders where id = :id and owner = :owner
				""").param("id", id).param("owner", owner).query((rs, row) -> {
			List<OrderView.Item> items = items(id);
			List<OrderView.HistoryEntry> history = history(id);
			return new OrderView(rs.getObject("id", UUID.class), rs.getString("customer_id"), rs.getString("currency"),
					Money.format(rs.getBigDecimal("total")), OrderStatus.valueOf(rs.getString("status")),
					rs.getString("rejection_reason"), rs.getString("failure_reason"), rs.getString("dead_letter"),
					rs.getString("idempotency_key"), instant(rs, "created_at"), instant(rs, "updated_at"), items,
					history);
		}).optional();
	}

	private List<OrderView.Item> items(UUID id) {
		return this.jdbc.sql("select sku, quantity, unit_price from order_items where order_id = :id order by line_no")
			.param("id", id)
			.query((rs, row) -> new OrderView.Item(rs.getString("sku"), rs.getInt("quantity"),
					Money.format(rs.getBigDecimal("unit_price"))))
			.list();
	}

	private List<OrderView.HistoryEntry> history(UUID id) {
		return this.jdbc
			.sql("select event, detail::text as detail, created_at from audit_logs where order_id = :id order by id")
			.param("id", id)
			.query((rs, row) -> new OrderView.HistoryEntry(rs.getString("event"), instant(rs, "created_at"),
					this.json.readTree(rs.getString("detail"))))
			.list();
	}

	private static java.time.Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

}

package io.orderflow.api.order;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.orderflow.api.outbox.Outbox;
import io.orderflow.common.order.OrderStatus;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Orders, their lines and their audit trail in PostgreSQL.
 */
@Repository
class OrderRepository {

	private final JdbcClient jdbc;

	private final JdbcOperations batches;

	private final JsonMapper json;

	private final Outbox outbox;

	OrderRepository(JdbcClient jdbc, JdbcOperations batches, JsonMapper json, Outbox outbox) {
		this.jdbc = jdbc;
		this.batches = batches;
		this.json = json;
		this.outbox = outbox;
	}

	/**
	 * Stores new {@code PENDING} orders, their lines, their {@code CREATED} audit rows
	 * and their outbox rows in the caller's transaction: an order is stored if and only
	 * if it will be published. Four statements, each a JDBC batch (one multi-row insert
	 * with {@code reWriteBatchedInserts}), however many orders.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void insert(List<NewOrder> orders) {
		this.batches.batchUpdate("""
				insert into orders (id, customer_id, currency, total, status, idempotency_key, owner)
				values (?, ?, ?, ?, 'PENDING', ?, ?)
				""", orders, orders.size(), (statement, order) -> {
			statement.setObject(1, order.id());
			statement.setString(2, order.request().customerId());
			statement.setString(3, order.request().currency());
			statement.setBigDecimal(4, order.total());
			statement.setString(5, order.idempotencyKey());
			statement.setString(6, order.owner());
		});
		List<Line> lines = new ArrayList<>();
		for (NewOrder order : orders) {
			List<OrderItemRequest> items = order.request().items();
			for (int i = 0; i < items.size(); i++) {
				lines.add(new Line(order.id(), i + 1, items.get(i)));
			}
		}
		this.batches.batchUpdate("""
				insert into order_items (order_id, line_no, sku, quantity, unit_price)
				values (?, ?, ?, ?, ?)
				""", lines, lines.size(), (statement, line) -> {
			statement.setObject(1, line.orderId());
			statement.setInt(2, line.number());
			statement.setString(3, line.item().sku());
			statement.setInt(4, line.item().quantity());
			statement.setBigDecimal(5, line.item().unitPrice());
		});
		this.batches.batchUpdate(
				"insert into audit_logs (order_id, event, detail) values (?, 'CREATED', cast(? as jsonb))", orders,
				orders.size(), (statement, order) -> {
					statement.setObject(1, order.id());
					statement.setString(2, this.json.writeValueAsString(Map.of("status", OrderStatus.PENDING.name(),
							"lines", order.request().items().size(), "total", order.total().toPlainString())));
				});
		this.outbox.enqueue(orders.stream()
			.map((order) -> new Outbox.Queued(order.id(), order.idempotencyKey(), order.traceParent()))
			.toList());
	}

	/**
	 * An order to store.
	 *
	 * @param id its new id
	 * @param request what the caller sent
	 * @param total the sum of its lines
	 * @param idempotencyKey the caller's key, or null
	 * @param owner the caller
	 * @param traceParent the submitting request's W3C trace context, or null
	 */
	record NewOrder(UUID id, SubmitOrderRequest request, BigDecimal total, String idempotencyKey, String owner,
			String traceParent) {

	}

	private record Line(UUID orderId, int number, OrderItemRequest item) {

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

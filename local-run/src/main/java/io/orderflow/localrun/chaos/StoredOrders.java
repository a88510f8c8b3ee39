package io.orderflow.localrun.chaos;

import io.orderflow.infrastructure.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What the database says about orders, stock and the audit log, for a chaos run's
 * reconciliation.
 */
final class StoredOrders {

	private final Database database;

	StoredOrders(Database database) {
		this.database = database;
	}

	/** Available units per SKU. */
	Map<String, Long> stock() throws SQLException {
		Map<String, Long> stock = new HashMap<>();
		query("select sku, available from inventory", (rows) -> stock.put(rows.getString(1), rows.getLong(2)));
		return stock;
	}

	/** Orders per status. */
	Map<String, Long> countsByStatus() throws SQLException {
		Map<String, Long> counts = new TreeMap<>();
		query("select status, count(*) from orders group by status",
				(rows) -> counts.put(rows.getString(1), rows.getLong(2)));
		return counts;
	}

	Map<UUID, String> statuses() throws SQLException {
		Map<UUID, String> statuses = new HashMap<>();
		query("select id, status from orders",
				(rows) -> statuses.put(rows.getObject(1, UUID.class), rows.getString(2)));
		return statuses;
	}

	/** COMPLETED or REJECTED audit events per order. */
	Map<UUID, Integer> terminalEvents() throws SQLException {
		Map<UUID, Integer> events = new HashMap<>();
		query("select order_id, count(*) from audit_logs where event in ('COMPLETED', 'REJECTED') group by order_id",
				(rows) -> events.put(rows.getObject(1, UUID.class), rows.getInt(2)));
		return events;
	}

	/** Stored orders per Idempotency-Key (of any caller). */
	Map<String, Integer> ordersPerIdempotencyKey() throws SQLException {
		Map<String, Integer> counts = new HashMap<>();
		query("select idempotency_key, count(*) from orders where idempotency_key is not null group by idempotency_key",
				(rows) -> counts.put(rows.getString(1), rows.getInt(2)));
		return counts;
	}

	/** Units per SKU on the lines of COMPLETED orders: what the workers reserved. */
	Map<String, Long> completedUnits() throws SQLException {
		Map<String, Long> units = new HashMap<>();
		query("select i.sku, sum(i.quantity) from order_items i join orders o on o.id = i.order_id"
				+ " where o.status = 'COMPLETED' group by i.sku",
				(rows) -> units.put(rows.getString(1), rows.getLong(2)));
		return units;
	}

	private void query(String sql, RowHandler handler) throws SQLException {
		try (Connection connection = this.database.dataSource().getConnection();
				PreparedStatement statement = connection.prepareStatement(sql);
				ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				handler.handle(rows);
			}
		}
	}

	/** Reads one row. */
	@FunctionalInterface
	private interface RowHandler {

		void handle(ResultSet rows) throws SQLException;

	}

}

package io.orderflow.worker.order;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;

import io.orderflow.common.order.OrderStatus;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The worker's reads and writes. Each method is one statement over a whole batch (arrays
 * and {@code unnest}), so a batch costs a handful of round trips, not a handful per
 * order.
 * <p>
 * Lock order is fixed for every transaction: order rows by id, then inventory rows by
 * SKU. Two workers can therefore never deadlock, even when both hold the same orders
 * after a rebalance.
 */
@Repository
class OrderStore {

	/** Length of {@code orders.rejection_reason} and {@code failure_reason}. */
	static final int REASON_LIMIT = 1000;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	OrderStore(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Moves {@code PENDING} orders, and {@code FAILED} ones whose dead letter was
	 * replayed, to {@code PROCESSING} in a short transaction of its own, with audit rows.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	int markProcessing(Collection<UUID> ids, String worker) {
		return this.jdbc
			.sql("""
					with claimed as (
					    update orders set status = 'PROCESSING', updated_at = now(), version = version + 1
					    where id in (select id from orders where id = any(:ids) and status in ('PENDING', 'FAILED') order by id for update)
					    returning id
					)
					insert into audit_logs (order_id, event, detail)
					select id, 'PROCESSING', jsonb_build_object('worker', cast(:worker as text)) from claimed
					""")
			.param("ids", uuids(ids))
			.param("worker", worker)
			.update();
	}

	/**
	 * Locks the orders that exist, in id order, and loads their lines; ids without a row
	 * are absent.
	 */
	Map<UUID, PendingOrder> lockOrders(Collection<UUID> ids) {
		Map<UUID, PendingOrder> orders = new LinkedHashMap<>();
		this.jdbc.sql("select id, status, total, created_at from orders where id = any(:ids) order by id for update")
			.param("ids", uuids(ids))
			.query((rs) -> {
				UUID id = rs.getObject("id", UUID.class);
				orders.put(id,
						new PendingOrder(id, OrderStatus.valueOf(rs.getString("status")), rs.getBigDecimal("total"),
								new ArrayList<>(), rs.getObject("created_at", OffsetDateTime.class).toInstant()));
			});
		this.jdbc.sql("""
				select order_id, sku, quantity, unit_price from order_items
				where order_id = any(:ids) order by order_id, line_no
				""").param("ids", uuids(ids)).query((rs) -> {
			PendingOrder order = orders.get(rs.getObject("order_id", UUID.class));
			order.lines()
				.add(new PendingOrder.Line(rs.getString("sku"), rs.getInt("quantity"), rs.getBigDecimal("unit_price")));
		});
		return orders;
	}

	/**
	 * Locks the inventory rows of {@code skus}, in SKU order; unknown SKUs are absent.
	 */
	Map<String, Long> lockInventory(Collection<String> skus) {
		Map<String, Long> available = new LinkedHashMap<>();
		this.jdbc.sql("select sku, available from inventory where sku = any(:skus) order by sku for update")
			.param("skus", new SqlArrayValue("varchar", skus.toArray()))
			.query((rs) -> {
				available.put(rs.getString("sku"), rs.getLong("available"));
			});
		return available;
	}

	void reserveStock(SortedMap<String, Long> reserved) {
		if (reserved.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				update inventory i set available = i.available - d.quantity, updated_at = now()
				from unnest(:skus, :quantities) as d(sku, quantity)
				where i.sku = d.sku
				""")
			.param("skus", new SqlArrayValue("varchar", reserved.keySet().toArray()))
			.param("quantities", new SqlArrayValue("bigint", reserved.values().toArray()))
			.update();
	}

	/** Writes each order's final status and its audit row. */
	void finish(Map<UUID, Outcome> outcomes, String worker) {
		if (outcomes.isEmpty()) {
			return;
		}
		List<UUID> ids = new ArrayList<>(outcomes.keySet());
		List<String> statuses = new ArrayList<>();
		List<String> reasons = new ArrayList<>();
		List<String> details = new ArrayList<>();
		for (Outcome outcome : outcomes.values()) {
			statuses.add(outcome.status().name());
			Map<String, Object> detail = new LinkedHashMap<>();
			detail.put("worker", worker);
			if (outcome instanceof Outcome.Rejected rejected) {
				// Bounded again here: whatever a rule writes, the column cannot overflow.
				reasons.add(ReasonSummary.truncate(rejected.reason(), REASON_LIMIT));
				detail.put("reason", rejected.reason());
				detail.putAll(rejected.detail());
			}
			else if (outcome instanceof Outcome.Completed completed) {
				reasons.add(null);
				detail.put("reserved", completed.reserved());
			}
			details.add(this.json.writeValueAsString(detail));
		}
		this.jdbc
			.sql("""
					update orders o set status = d.status, rejection_reason = d.reason, failure_reason = null, dead_letter = null,
					    updated_at = now(), version = o.version + 1
					from unnest(:ids, :statuses, :reasons) as d(id, status, reason)
					where o.id = d.id
					""")
			.param("ids", uuids(ids))
			.param("statuses", new SqlArrayValue("varchar", statuses.toArray()))
			.param("reasons", new SqlArrayValue("varchar", reasons.toArray()))
			.update();
		this.jdbc
			.sql("""
					insert into audit_logs (order_id, event, detail)
					select d.id, d.event, cast(d.detail as jsonb) from unnest(:ids, :events, :details) as d(id, event, detail)
					""")
			.param("ids", uuids(ids))
			.param("events", new SqlArrayValue("varchar", statuses.toArray()))
			.param("details", new SqlArrayValue("text", details.toArray()))
			.update();
	}

	private static SqlArrayValue uuids(Collection<UUID> ids) {
		return new SqlArrayValue("uuid", ids.toArray());
	}

}

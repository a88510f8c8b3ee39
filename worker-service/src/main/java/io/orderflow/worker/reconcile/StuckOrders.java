package io.orderflow.worker.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.orderflow.worker.order.FailedOrder;
import io.orderflow.worker.order.FailedOrders;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reconcile job's reads and writes. The search runs on the partial index of
 * non-terminal orders, so its cost follows the number of unfinished orders, not the size
 * of the table.
 */
@Repository
class StuckOrders {

	private final JdbcClient jdbc;

	private final FailedOrders failedOrders;

	StuckOrders(JdbcClient jdbc, FailedOrders failedOrders) {
		this.jdbc = jdbc;
		this.failedOrders = failedOrders;
	}

	/**
	 * Takes up to {@code limit} stuck orders last changed before {@code consumedBefore}
	 * (so their records cannot be waiting in the backlog), oldest first, in the caller's
	 * transaction: those due for a re-drive get their count raised and a
	 * {@code RECONCILED} audit row, those out of attempts become {@code FAILED}. Both
	 * also move {@code updated_at}, so the next search passes over them until they are
	 * stuck again.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	Claim claim(Duration stuckAfter, Instant consumedBefore, int limit, int maxAttempts, String worker,
			String deadLetterTopic, int partitions) {
		List<StuckOrder> stuck = this.jdbc.sql("""
				select id, status, reconcile_count, idempotency_key, updated_at from orders
				where status in ('PENDING', 'PROCESSING') and updated_at < now() - cast(:stuckAfter as interval)
				    and updated_at < :consumedBefore
				order by updated_at limit :limit for update skip locked
				""")
			.param("stuckAfter", stuckAfter.toMillis() + " milliseconds")
			.param("consumedBefore", OffsetDateTime.ofInstant(consumedBefore, ZoneOffset.UTC))
			.param("limit", limit)
			.query((rs, row) -> new StuckOrder(rs.getObject("id", UUID.class), rs.getString("status"),
					rs.getInt("reconcile_count"), rs.getString("idempotency_key"),
					rs.getObject("updated_at", OffsetDateTime.class).toInstant()))
			.list();
		List<StuckOrder> redrive = new ArrayList<>();
		List<FailedOrder> failed = new ArrayList<>();
		for (StuckOrder order : stuck) {
			if (order.reconcileCount() < maxAttempts) {
				redrive.add(order);
			}
			else {
				failed.add(order.failed(stuckAfter, deadLetterTopic, partitions));
			}
		}
		markRedriven(redrive, worker);
		this.failedOrders.mark(failed, worker);
		return new Claim(redrive, failed);
	}

	/**
	 * Stuck orders, counting at most {@code cap}: enough for health and a gauge, never a
	 * full count.
	 */
	long count(Duration stuckAfter, int cap) {
		return this.jdbc.sql("""
				select count(*) from (
				    select 1 from orders
				    where status in ('PENDING', 'PROCESSING') and updated_at < now() - cast(:stuckAfter as interval)
				    limit :cap
				) stuck
				""")
			.param("stuckAfter", stuckAfter.toMillis() + " milliseconds")
			.param("cap", cap)
			.query(Long.class)
			.single();
	}

	private void markRedriven(Collection<StuckOrder> orders, String worker) {
		if (orders.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				with redriven as (
				    update orders set reconcile_count = reconcile_count + 1, updated_at = now()
				    where id = any(:ids)
				    returning id, status, reconcile_count
				)
				insert into audit_logs (order_id, event, detail)
				select id, 'RECONCILED', jsonb_build_object('worker', cast(:worker as text), 'status', status,
				    'reconcileCount', reconcile_count)
				from redriven
				""").param("ids", uuids(orders.stream().map(StuckOrder::id).toList())).param("worker", worker).update();
	}

	private static SqlArrayValue uuids(Collection<UUID> ids) {
		return new SqlArrayValue("uuid", ids.toArray());
	}

	/**
	 * What one claim decided.
	 *
	 * @param redrive orders to publish again
	 * @param failed orders marked {@code FAILED}
	 */
	record Claim(List<StuckOrder> redrive, List<FailedOrder> failed) {

		int size() {
			return this.redrive.size() + this.failed.size();
		}

	}

}

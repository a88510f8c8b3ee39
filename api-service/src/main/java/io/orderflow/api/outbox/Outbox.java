package io.orderflow.api.outbox;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox table.
 */
@Repository
public class Outbox {

	/** Unpublished rows counted one by one; beyond, the backlog is estimated. */
	static final int COUNTED = 10_000;

	private final JdbcClient jdbc;

	private final JdbcOperations batches;

	Outbox(JdbcClient jdbc, JdbcOperations batches) {
		this.jdbc = jdbc;
		this.batches = batches;
	}

	/**
	 * Queues orders for publication, in one statement. Must run in the transaction that
	 * stores them.
	 * @param orders order ids with their idempotency keys (null for none)
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void enqueue(List<Queued> orders) {
		this.batches.batchUpdate("insert into outbox (order_id, idempotency_key, traceparent) values (?, ?, ?)", orders,
				orders.size(), (statement, order) -> {
					statement.setObject(1, order.orderId());
					statement.setString(2, order.idempotencyKey());
					statement.setString(3, order.traceParent());
				});
	}

	/**
	 * An order to publish.
	 *
	 * @param orderId its id, the record's key and value
	 * @param idempotencyKey the key it was submitted with, or null
	 * @param traceParent the submitting request's W3C trace context
	 * ({@link TraceParents}), or null
	 */
	public record Queued(UUID orderId, String idempotencyKey, String traceParent) {

	}

	/**
	 * Locks up to {@code limit} unpublished rows, oldest first, skipping rows another
	 * relay holds.
	 */
	List<OutboxEntry> claim(int limit) {
		return this.jdbc.sql("""
				select id, order_id, idempotency_key, created_at, traceparent from outbox
				where published_at is null order by id limit :limit for update skip locked
				""")
			.param("limit", limit)
			.query((rs, row) -> new OutboxEntry(rs.getLong("id"), rs.getObject("order_id", UUID.class),
					rs.getString("idempotency_key"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
					rs.getString("traceparent")))
			.list();
	}

	/**
	 * Stamps the rows with the time of this statement, which runs after the broker
	 * acknowledged them.
	 */
	void markPublished(List<OutboxEntry> entries) {
		this.jdbc.sql("update outbox set published_at = statement_timestamp() where id = any(:ids)")
			.param("ids", new SqlArrayValue("bigint", entries.stream().map(OutboxEntry::id).toArray()))
			.update();
	}

	/**
	 * Unpublished rows and the age of the oldest one, from the partial index of
	 * unpublished rows and without a full count: rows are counted up to
	 * {@value #COUNTED}, and a larger backlog is estimated from the span of its ids (an
	 * upper bound, since ids have gaps), so a probe or scrape during a long outage costs
	 * as little as one in normal times.
	 */
	Backlog backlog() {
		return this.jdbc.sql("""
				select case when counted.n <= :counted then counted.n else span.ids end as size,
				       coalesce(extract(epoch from now() - oldest.created_at), 0) as oldest
				from (select count(*) as n from (select 1 from outbox where published_at is null
				                                 limit :counted + 1) c) counted,
				     (select coalesce(max(id) - min(id) + 1, 0) as ids from outbox where published_at is null) span,
				     (select min(created_at) as created_at from
				         (select created_at from outbox where published_at is null order by id limit 1) f) oldest
				""")
			.param("counted", COUNTED)
			.query((rs, row) -> new Backlog(rs.getLong("size"),
					Duration.ofMillis((long) (rs.getDouble("oldest") * 1000))))
			.single();
	}

	/**
	 * What waits to be published.
	 *
	 * @param size unpublished rows
	 * @param oldestAge age of the oldest unpublished row, zero when there is none
	 */
	record Backlog(long size, Duration oldestAge) {

	}

}

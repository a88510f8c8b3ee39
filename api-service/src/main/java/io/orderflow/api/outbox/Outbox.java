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
		this.batches.batchUpdate("insert into outbox (order_id, idempotency_key) values (?, ?)", orders, orders.size(),
				(statement, order) -> {
					statement.setObject(1, order.orderId());
					statement.setString(2, order.idempotencyKey());
				});
	}

	/**
	 * An order to publish.
	 *
	 * @param orderId its id, the record's key and value
	 * @param idempotencyKey the key it was submitted with, or null
	 */
	public record Queued(UUID orderId, String idempotencyKey) {

	}

	/**
	 * Locks up to {@code limit} unpublished rows, oldest first, skipping rows another
	 * relay holds.
	 */
	List<OutboxEntry> claim(int limit) {
		return this.jdbc.sql("""
				select id, order_id, idempotency_key, created_at from outbox
				where published_at is null order by id limit :limit for update skip locked
				""")
			.param("limit", limit)
			.query((rs, row) -> new OutboxEntry(rs.getLong("id"), rs.getObject("order_id", UUID.class),
					rs.getString("idempotency_key"), rs.getObject("created_at", OffsetDateTime.class).toInstant()))
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

	/** Unpublished rows and the age of the oldest one. */
	Backlog backlog() {
		return this.jdbc.sql("""
				select count(*) as size, coalesce(extract(epoch from now() - min(created_at)), 0) as oldest
				from outbox where published_at is null
				""")
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

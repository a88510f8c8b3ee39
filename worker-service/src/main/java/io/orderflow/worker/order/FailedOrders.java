package io.orderflow.worker.order;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Marks orders {@code FAILED}: the listener for orders dead-lettered for good, the
 * reconcile job for orders out of re-drives. One statement for all of them, with their
 * audit rows.
 */
@Repository
public class FailedOrders {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	FailedOrders(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Marks the orders still {@code PENDING} or {@code PROCESSING} {@code FAILED}, with
	 * why and where their dead letter is, in the caller's transaction or one of its own.
	 * Returns how many it marked.
	 */
	@Transactional
	public int mark(Collection<FailedOrder> failures, String worker) {
		if (failures.isEmpty()) {
			return 0;
		}
		List<UUID> ids = new ArrayList<>();
		List<String> reasons = new ArrayList<>();
		List<String> deadLetters = new ArrayList<>();
		List<String> details = new ArrayList<>();
		for (FailedOrder failure : failures) {
			ids.add(failure.orderId());
			reasons.add(ReasonSummary.truncate(failure.reason(), OrderStore.REASON_LIMIT));
			deadLetters.add(failure.deadLetter());
			Map<String, Object> detail = new LinkedHashMap<>();
			detail.put("worker", worker);
			detail.put("reason", failure.reason());
			if (failure.exception() != null) {
				detail.put("exception", failure.exception());
			}
			detail.put("deadLetter", failure.deadLetter());
			details.add(this.json.writeValueAsString(detail));
		}
		return this.jdbc.sql("""
				with failed as (
				    update orders o set status = 'FAILED', failure_reason = d.reason, dead_letter = d.dead_letter,
				        updated_at = now(), version = o.version + 1
				    from unnest(:ids, :reasons, :deadLetters) as d(id, reason, dead_letter)
				    where o.id = d.id and o.status in ('PENDING', 'PROCESSING')
				    returning o.id
				)
				insert into audit_logs (order_id, event, detail)
				select d.id, 'FAILED', cast(d.detail as jsonb) from unnest(:ids, :details) as d(id, detail)
				where d.id in (select id from failed)
				""")
			.param("ids", new SqlArrayValue("uuid", ids.toArray()))
			.param("reasons", new SqlArrayValue("varchar", reasons.toArray()))
			.param("deadLetters", new SqlArrayValue("varchar", deadLetters.toArray()))
			.param("details", new SqlArrayValue("text", details.toArray()))
			.update();
	}

}

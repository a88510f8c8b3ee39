package io.orderflow.worker.order;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Tracer;
import io.orderflow.common.order.OrderStatus;
import io.orderflow.worker.ProcessedOrders;
import io.orderflow.worker.WorkerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processes a batch of orders in one transaction: lock the orders, skip those already
 * final, lock the stock of all their SKUs, reserve, and write every outcome. Redelivered
 * orders are acknowledged without effect, because the order row lock and the status check
 * come first.
 */
@Service
class OrderProcessor {

	private static final Logger log = LoggerFactory.getLogger(OrderProcessor.class);

	/** Buckets of the end-to-end histogram: the SLO (250 ms) and its neighbours. */
	private static final Duration[] END_TO_END_SLOS = { Duration.ofMillis(50), Duration.ofMillis(100),
			Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
			Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
			Duration.ofMinutes(5), Duration.ofMinutes(30) };

	private final OrderStore store;

	private final FailedOrders failedOrders;

	private final TransactionTemplate transaction;

	private final String worker;

	private final MeterRegistry meters;

	private final Timer batchTimer;

	private final DistributionSummary batchSize;

	private final OrderTraces traces;

	OrderProcessor(OrderStore store, FailedOrders failedOrders, TransactionTemplate transaction,
			WorkerProperties properties, MeterRegistry meters, OrderTraces traces) {
		this.store = store;
		this.traces = traces;
		this.failedOrders = failedOrders;
		this.transaction = transaction;
		this.worker = properties.instanceId();
		this.meters = meters;
		this.batchTimer = Timer.builder("orderflow.orders.batch.duration")
			.description("Time to process one batch of orders, both transactions included")
			.register(meters);
		this.batchSize = DistributionSummary.builder("orderflow.orders.batch.size")
			.description("Distinct orders per processed batch")
			.register(meters);
	}

	/** Processes the given orders; returns how each one ended, in the given order. */
	Map<UUID, Result> process(List<UUID> orderIds, Map<UUID, String> traceParents) {
		Set<UUID> ids = new LinkedHashSet<>(orderIds);
		OrderTraces.Batch spans = this.traces.start(ids, traceParents);
		Map<UUID, Result> results;
		try {
			Timer.Sample sample = Timer.start(this.meters);
			this.store.markProcessing(ids, this.worker);
			results = this.transaction.execute((status) -> processLocked(ids));
			sample.stop(this.batchTimer);
		}
		catch (RuntimeException ex) {
			spans.end(ex);
			throw ex;
		}
		this.batchSize.record(ids.size());
		Instant committed = Instant.now();
		try (spans) {
			results.forEach((id, result) -> report(id, result, committed, spans));
		}
		int repeats = orderIds.size() - ids.size();
		if (repeats > 0) {
			log.info("{} repeated record(s) in one batch acknowledged without effect", repeats);
			outcomeCounter("duplicate").increment(repeats);
		}
		return results;
	}

	/**
	 * Marks orders that cannot be processed {@code FAILED}. If the database cannot take
	 * it now, the orders stay as they are and the reconcile job finds them later; their
	 * dead letters are out.
	 */
	@SuppressWarnings("try") // the MDC entry lives as long as the try block
	void fail(List<FailedOrder> failures) {
		if (failures.isEmpty()) {
			return;
		}
		int marked;
		try {
			marked = this.failedOrders.mark(failures, this.worker);
		}
		catch (DataAccessException | TransactionException ex) {
			log.warn("Cannot mark {} order(s) FAILED ({}); the reconcile job will find them", failures.size(),
					ex.getMessage());
			return;
		}
		for (FailedOrder failure : failures) {
			try (MDC.MDCCloseable context = MDC.putCloseable("orderId", failure.orderId().toString())) {
				log.warn("Order FAILED: {} (dead letter {})", failure.reason(),
						(failure.deadLetter() != null) ? failure.deadLetter() : "not published");
			}
		}
		outcomeCounter("failed").increment(marked);
	}

	private Map<UUID, Result> processLocked(Set<UUID> ids) {
		Map<UUID, PendingOrder> orders = this.store.lockOrders(ids);
		Set<String> skus = new TreeSet<>();
		for (PendingOrder order : orders.values()) {
			if (!order.status().isTerminal()) {
				order.lines().forEach((line) -> skus.add(line.sku()));
			}
		}
		StockLedger ledger = new StockLedger(this.store.lockInventory(skus));
		Map<UUID, Outcome> outcomes = new LinkedHashMap<>();
		Map<UUID, Result> results = new LinkedHashMap<>();
		for (UUID id : ids) {
			PendingOrder order = orders.get(id);
			if (order == null) {
				results.put(id, new Result.Unknown());
			}
			else if (order.status().isTerminal()) {
				results.put(id, new Result.AlreadyFinal(order));
			}
			else if (order.lines().isEmpty()) {
				results.put(id, new Result.Invalid("order has no lines"));
			}
			else {
				Outcome outcome = ledger.reserve(order);
				outcomes.put(id, outcome);
				results.put(id, new Result.Processed(outcome, order.createdAt()));
			}
		}
		this.store.reserveStock(ledger.reserved());
		this.store.finish(outcomes, this.worker);
		return results;
	}

	@SuppressWarnings("try") // span and MDC entry last as long as the try block
	private void report(UUID id, Result result, Instant committed, OrderTraces.Batch spans) {
		if (result instanceof Result.Processed processed) {
			endToEnd(processed.outcome().status()).record(Duration.between(processed.acceptedAt(), committed));
		}
		spans.outcome(id, result.metricTag());
		try (Tracer.SpanInScope span = spans.scope(id);
				MDC.MDCCloseable context = MDC.putCloseable("orderId", id.toString())) {
			if (result instanceof Result.Processed processed
					&& processed.outcome() instanceof Outcome.Rejected rejected) {
				log.info("Order rejected: {}", rejected.reason());
			}
			else if (result instanceof Result.Processed processed
					&& processed.outcome() instanceof Outcome.Completed completed) {
				log.info("Order completed: reserved {}", completed.reserved());
			}
			else if (result instanceof Result.AlreadyFinal already) {
				log.info("Order already {}; redelivery acknowledged without effect", already.order().status());
			}
			else if (result instanceof Result.Invalid invalid) {
				log.warn("Order cannot be processed: {}", invalid.problem());
			}
			else {
				log.warn("Order does not exist");
			}
		}
		outcomeCounter(result.metricTag()).increment();
	}

	private Counter outcomeCounter(String outcome) {
		return ProcessedOrders.counter(this.meters, outcome);
	}

	private Timer endToEnd(OrderStatus status) {
		return Timer.builder("orderflow.orders.end.to.end")
			.description("Time from the api accepting an order to its terminal status, by that status")
			.tag("status", status.name())
			.serviceLevelObjectives(END_TO_END_SLOS)
			.minimumExpectedValue(END_TO_END_SLOS[0])
			.maximumExpectedValue(END_TO_END_SLOS[END_TO_END_SLOS.length - 1])
			.register(this.meters);
	}

	/**
	 * How one record of a batch ended.
	 */
	sealed interface Result {

		String metricTag();

		/**
		 * Processed now.
		 *
		 * @param outcome the decision
		 * @param acceptedAt when the api accepted the order
		 */
		record Processed(Outcome outcome, Instant acceptedAt) implements Result {

			@Override
			public String metricTag() {
				return this.outcome.status().name().toLowerCase(java.util.Locale.ROOT);
			}

		}

		/**
		 * Already final before this delivery: a redelivery.
		 *
		 * @param order the order as found
		 */
		record AlreadyFinal(PendingOrder order) implements Result {

			@Override
			public String metricTag() {
				return "duplicate";
			}

		}

		/**
		 * The stored order cannot be processed as it is.
		 *
		 * @param problem what is wrong with it
		 */
		record Invalid(String problem) implements Result {

			@Override
			public String metricTag() {
				return "invalid";
			}

		}

		/** No such order. */
		record Unknown() implements Result {

			@Override
			public String metricTag() {
				return "unknown";
			}

		}

	}

}

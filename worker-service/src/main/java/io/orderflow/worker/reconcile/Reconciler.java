package io.orderflow.worker.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.orderflow.common.messaging.TopicsProperties;
import io.orderflow.worker.order.FailedOrder;
import io.orderflow.worker.WorkerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One reconcile run, for the instance that holds the lock: claims stuck orders batch by
 * batch (only those the consumer group is past, so a backlog is never re-driven onto
 * itself), re-drives those with attempts left through Kafka and marks the rest
 * {@code FAILED}, each batch in one transaction that commits only once the broker has
 * acknowledged the re-driven records. Every action is logged with the order id. A
 * database or broker failure ends the run; the next one tries again.
 */
@Component
class Reconciler {

	private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

	/**
	 * Stuck orders counted for the gauge at most; beyond it the figure reads "at least".
	 */
	static final int COUNT_CAP = 100_000;

	/**
	 * An order's record is produced just after the order is stored: an order changed less
	 * than this before the oldest unconsumed record may still have its record behind it.
	 */
	static final Duration BACKLOG_GRACE = Duration.ofSeconds(5);

	private final StuckOrders orders;

	private final Redriver redriver;

	private final ReconcileMetrics metrics;

	private final ReconcileProperties properties;

	private final TopicsProperties topics;

	private final String worker;

	private final Clock clock;

	private final TransactionTemplate transaction;

	private final ConsumerFrontier frontier;

	Reconciler(StuckOrders orders, Redriver redriver, ReconcileMetrics metrics, ReconcileProperties properties,
			TopicsProperties topics, WorkerProperties worker, Clock clock, TransactionTemplate transaction,
			ConsumerFrontier frontier) {
		this.transaction = transaction;
		this.frontier = frontier;
		this.orders = orders;
		this.redriver = redriver;
		this.metrics = metrics;
		this.properties = properties;
		this.topics = topics;
		this.worker = worker.instanceId();
		this.clock = clock;
	}

	/** Returns how many stuck orders this run handled. */
	int run() {
		int handled = 0;
		try {
			this.metrics.stuck(this.orders.count(this.properties.stuckAfter(), COUNT_CAP));
			// An order changed after the oldest record the group has not consumed may
			// just be waiting in line.
			Instant consumedBefore = this.frontier.oldestUnconsumed()
				.map((oldest) -> oldest.minus(BACKLOG_GRACE))
				// Caught up: every order qualifies, however skewed the clocks.
				.orElseGet(() -> this.clock.instant().plus(Duration.ofDays(1)));
			for (int batch = 0; batch < this.properties.maxBatches(); batch++) {
				// The re-drive is acknowledged before the claim commits: while the broker
				// is down nothing is
				// counted, so an outage alone never uses up an order's attempts.
				StuckOrders.Claim claim = this.transaction.execute((tx) -> {
					StuckOrders.Claim claimed = this.orders.claim(this.properties.stuckAfter(), consumedBefore,
							this.properties.batchSize(), this.properties.maxAttempts(), this.worker,
							this.topics.ordersDeadLetter(), this.topics.partitions());
					if (!claimed.redrive().isEmpty()) {
						this.redriver.publish(claimed.redrive(), this.clock.instant());
					}
					return claimed;
				});
				this.metrics.claimed(claim);
				this.metrics.redriven(claim.redrive().size());
				report(claim);
				handled += claim.size();
				if (claim.size() < this.properties.batchSize()) {
					break;
				}
			}
		}
		catch (DataAccessException | TransactionException | RedriveException ex) {
			log.warn("Reconcile run stopped after {} stuck order(s): {}; the next run carries on", handled,
					ex.getMessage());
			return handled;
		}
		if (handled > 0) {
			log.info("Reconcile run handled {} stuck order(s)", handled);
		}
		return handled;
	}

	@SuppressWarnings("try") // the MDC entry lives as long as the try block
	private void report(StuckOrders.Claim claim) {
		for (StuckOrder order : claim.redrive()) {
			try (MDC.MDCCloseable context = MDC.putCloseable("orderId", order.id().toString())) {
				log.warn("Order stuck in {} since {}: re-driving it through Kafka (re-drive {} of {})", order.status(),
						order.since(), order.reconcileCount() + 1, this.properties.maxAttempts());
			}
		}
		for (FailedOrder order : claim.failed()) {
			try (MDC.MDCCloseable context = MDC.putCloseable("orderId", order.orderId().toString())) {
				log.error("Order FAILED: {} (dead letter: {})", order.reason(), order.deadLetter());
			}
		}
	}

}

package io.orderflow.api.order;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.common.order.OrderStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts orders: each is stored and queued for the workers in one transaction (the
 * outbox relay publishes it), at most once per {@code Idempotency-Key} of a caller.
 */
@Service
class OrderIntake {

	private static final Logger log = LoggerFactory.getLogger(OrderIntake.class);

	private final OrderRepository orders;

	private final IdempotencyKeys keys;

	private final TransactionTemplate transaction;

	private final JsonMapper json;

	private final OrderProperties properties;

	private final OrderIds ids;

	private final Counter accepted;

	private final Counter replayed;

	OrderIntake(OrderRepository orders, IdempotencyKeys keys, TransactionTemplate transaction, JsonMapper json,
			OrderProperties properties, Clock clock, MeterRegistry meters) {
		this.orders = orders;
		this.keys = keys;
		this.transaction = transaction;
		this.json = json;
		this.properties = properties;
		this.ids = new OrderIds(clock);
		this.accepted = Counter.builder("orderflow.orders.accepted")
			.description("Orders accepted over HTTP")
			.register(meters);
		this.replayed = Counter.builder("orderflow.orders.idempotent.replays")
			.description("Requests answered from a stored Idempotency-Key instead of creating an order")
			.register(meters);
	}

	/**
	 * Accepts an order, or, for an {@code Idempotency-Key} the caller used before with
	 * the same request, answers with the order that request created.
	 */
	@SuppressWarnings("try") // the MDC entry lives as long as the try block
	Submission submit(SubmitOrderRequest request, String caller, String idempotencyKey) {
		new OrderLimits(this.properties.maxItems()).check(request);
		Submission submission = store(request, caller, idempotencyKey);
		try (MDC.MDCCloseable context = MDC.putCloseable("orderId", submission.order().id().toString())) {
			if (submission.replayed()) {
				this.replayed.increment();
				log.info("Idempotency-Key repeated by {}: answered with the existing order", caller);
			}
			else {
				this.accepted.increment();
				log.info("Order accepted: customer {}, {} line(s), {}", request.customerId(), request.items().size(),
						request.currency());
			}
		}
		return submission;
	}

	/**
	 * Runs the order's transaction. A failure before the commit rolled everything back
	 * and is rethrown as it is; a failure of the commit itself leaves the outcome unknown
	 * and says so.
	 */
	private Submission store(SubmitOrderRequest request, String caller, String idempotencyKey) {
		AtomicBoolean committing = new AtomicBoolean();
		try {
			return this.transaction.execute((tx) -> {
				Submission submission = (idempotencyKey != null) ? submitOnce(request, caller, idempotencyKey)
						: new Submission(create(request, null, caller), false);
				committing.set(true);
				return submission;
			});
		}
		catch (DataAccessException | TransactionException ex) {
			if (committing.get()) {
				log.warn("Commit of an order failed; its outcome is unknown: {}", ex.getMessage());
				throw new CommitOutcomeUnknownException(idempotencyKey, ex);
			}
			throw ex;
		}
	}

	private Submission submitOnce(SubmitOrderRequest request, String caller, String key) {
		if (!this.keys.tryLock(caller, key)) {
			throw new IdempotencyKeyInFlightException(key);
		}
		String fingerprint = IdempotencyKeys.fingerprint(this.json.writeValueAsString(request));
		Optional<IdempotencyKeys.StoredKey> stored = this.keys.find(caller, key);
		if (stored.isPresent()) {
			if (!stored.get().requestHash().equals(fingerprint)) {
				throw new IdempotencyKeyReusedException(key);
			}
			return new Submission(new SubmittedOrder(stored.get().orderId(), OrderStatus.PENDING), true);
		}
		SubmittedOrder order = create(request, key, caller);
		this.keys.save(caller, key, fingerprint, order.id(), this.properties.idempotencyKeyTtl());
		return new Submission(order, false);
	}

	/**
	 * Stores the order, its lines, its audit row and its outbox row, in the caller's
	 * transaction.
	 */
	private SubmittedOrder create(SubmitOrderRequest request, String idempotencyKey, String caller) {
		UUID id = this.ids.next();
		this.orders.insert(id, request, Money.total(request.items()), idempotencyKey, caller);
		return new SubmittedOrder(id, OrderStatus.PENDING);
	}

	/**
	 * The answer to a submission.
	 *
	 * @param order the order, new or created earlier with the same key
	 * @param replayed whether the answer repeats an earlier one
	 */
	record Submission(SubmittedOrder order, boolean replayed) {

	}

}

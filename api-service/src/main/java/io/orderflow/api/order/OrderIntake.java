package io.orderflow.api.order;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.api.outbox.TraceParents;
import io.orderflow.common.order.OrderStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts orders: each is stored and queued for the workers in one transaction (the
 * outbox relay publishes it), at most once per {@code Idempotency-Key} of a caller.
 * <p>
 * Requests that arrive together share that transaction ({@link CommitGroups}: group
 * commit). Each request's rows are written inside a savepoint of its own, so a request
 * that fails on its own (its key reused with another body, its key held by a request in
 * another transaction, a constraint) rolls back only its own rows and gets its own
 * answer, while the others commit. A failure of the batch before the commit (no
 * connection, a dead session) answers every request of the batch as one request would be
 * answered: nothing was stored. A failure of the commit answers each with
 * {@link CommitOutcomeUnknownException}. A request is answered {@code 202} only after its
 * batch committed.
 */
@Service
class OrderIntake implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OrderIntake.class);

	/**
	 * Writers start before the web server and stop after it, so every request the
	 * server's graceful shutdown waits for is written first.
	 */
	private static final int PHASE = WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1024;

	private final OrderRepository orders;

	private final IdempotencyKeys keys;

	private final TransactionTemplate transaction;

	private final JsonMapper json;

	private final OrderProperties properties;

	private final OrderIds ids;

	private final DistributionSummary batchSizes;

	private final TraceParents traces;

	private volatile CommitGroups<PendingOrder, Submission> groups;

	OrderIntake(OrderRepository orders, IdempotencyKeys keys, TransactionTemplate transaction, JsonMapper json,
			OrderProperties properties, Clock clock, MeterRegistry meters, TraceParents traces) {
		this.orders = orders;
		this.traces = traces;
		this.keys = keys;
		this.transaction = transaction;
		this.json = json;
		this.properties = properties;
		this.ids = new OrderIds(clock);
		this.batchSizes = DistributionSummary.builder("orderflow.intake.batch.size")
			.description("Submissions written in one transaction (group commit)")
			.baseUnit("submissions")
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
				log.info("Idempotency-Key repeated by {}: answered with the existing order", caller);
			}
			else {
				log.info("Order accepted: customer {}, {} line(s), {}", request.customerId(), request.items().size(),
						request.currency());
			}
		}
		return submission;
	}

	/** Submissions waiting for a writer (for tests). */
	int queued() {
		CommitGroups<PendingOrder, Submission> current = this.groups;
		return (current != null) ? current.queued() : 0;
	}

	private Submission store(SubmitOrderRequest request, String caller, String idempotencyKey) {
		CommitGroups<PendingOrder, Submission> current = this.groups;
		if (current == null) {
			throw new IntakeUnavailableException("not running");
		}
		String fingerprint = (idempotencyKey != null)
				? IdempotencyKeys.fingerprint(this.json.writeValueAsString(request)) : null;
		PendingOrder pending = new PendingOrder(request, caller, idempotencyKey, fingerprint, this.traces.current());
		try {
			return current.submit(pending, this.properties.intake().timeout());
		}
		catch (CommitGroups.StillWritingException ex) {
			log.warn("No answer from the writer of an order in time; its outcome is unknown: {}", ex.getMessage());
			throw new CommitOutcomeUnknownException(idempotencyKey, ex);
		}
	}

	/**
	 * Runs one transaction for the batch. Submissions with a key go one by one, each in a
	 * savepoint of its own (each takes its key's lock and looks the key up); the others
	 * are stored together, four statements for all of them, in one savepoint, and only if
	 * those fail are they retried one by one to find the one that failed. A failure
	 * before the commit rolled everything back and answers every submission not yet
	 * answered with it as it is; a failure of the commit itself leaves the outcome
	 * unknown and says so.
	 */
	private void write(List<CommitGroups.Ticket<PendingOrder, Submission>> batch) {
		AtomicBoolean committing = new AtomicBoolean();
		Map<CommitGroups.Ticket<PendingOrder, Submission>, Submission> written = new LinkedHashMap<>();
		try {
			this.transaction.executeWithoutResult((tx) -> {
				List<CommitGroups.Ticket<PendingOrder, Submission>> plain = new ArrayList<>();
				for (CommitGroups.Ticket<PendingOrder, Submission> ticket : batch) {
					if (ticket.item().idempotencyKey() != null) {
						writeAlone(tx, ticket, written);
					}
					else {
						plain.add(ticket);
					}
				}
				if (!plain.isEmpty()) {
					writeTogether(tx, plain, written);
				}
				committing.set(true);
			});
		}
		catch (DataAccessException | TransactionException ex) {
			if (committing.get()) {
				log.warn("Commit of a batch of {} order(s) failed; their outcome is unknown: {}", written.size(),
						ex.getMessage());
				written.keySet()
					.forEach((ticket) -> ticket
						.fail(new CommitOutcomeUnknownException(ticket.item().idempotencyKey(), ex)));
			}
			// Answered only if not answered on its own (a 422 or 409 stays true).
			batch.forEach((ticket) -> ticket.fail(ex));
			return;
		}
		written.forEach(CommitGroups.Ticket::complete);
	}

	private void writeAlone(TransactionStatus tx, CommitGroups.Ticket<PendingOrder, Submission> ticket,
			Map<CommitGroups.Ticket<PendingOrder, Submission>, Submission> written) {
		Object savepoint = tx.createSavepoint();
		try {
			written.put(ticket, write(ticket.item()));
			tx.releaseSavepoint(savepoint);
		}
		catch (IdempotencyKeyInFlightException | IdempotencyKeyReusedException ex) {
			tx.rollbackToSavepoint(savepoint);
			ticket.fail(ex);
		}
		catch (DataIntegrityViolationException ex) {
			tx.rollbackToSavepoint(savepoint);
			log.warn("An order broke a rule of the database and was refused: {}",
					OrderBreaksDatabaseRuleException.reason(ex));
			ticket.fail(new OrderBreaksDatabaseRuleException(ex));
		}
	}

	private void writeTogether(TransactionStatus tx, List<CommitGroups.Ticket<PendingOrder, Submission>> plain,
			Map<CommitGroups.Ticket<PendingOrder, Submission>, Submission> written) {
		if (plain.size() == 1) {
			writeAlone(tx, plain.get(0), written);
			return;
		}
		Object savepoint = tx.createSavepoint();
		Map<CommitGroups.Ticket<PendingOrder, Submission>, OrderRepository.NewOrder> orders = new LinkedHashMap<>();
		plain.forEach((ticket) -> orders.put(ticket, newOrder(ticket.item(), null)));
		try {
			this.orders.insert(List.copyOf(orders.values()));
			tx.releaseSavepoint(savepoint);
		}
		catch (DataIntegrityViolationException ex) {
			tx.rollbackToSavepoint(savepoint);
			log.warn("A batch of {} orders broke a rule of the database ({}); storing them one by one to find which",
					plain.size(), OrderBreaksDatabaseRuleException.reason(ex));
			plain.forEach((ticket) -> writeAlone(tx, ticket, written));
			return;
		}
		orders.forEach((ticket, order) -> written.put(ticket,
				new Submission(new SubmittedOrder(order.id(), OrderStatus.PENDING), false)));
	}

	private Submission write(PendingOrder pending) {
		return (pending.idempotencyKey() != null) ? submitOnce(pending) : new Submission(create(pending, null), false);
	}

	@Override
	public void start() {
		OrderProperties.Intake intake = this.properties.intake();
		this.groups = new CommitGroups<>("order-intake", intake.writers(), intake.maxBatch(), PendingOrder::lockKey,
				this::write, this.batchSizes::record);
	}

	@Override
	public void stop() {
		CommitGroups<PendingOrder, Submission> current = this.groups;
		if (current != null && !current.close(this.properties.intake().timeout())) {
			log.warn("Order intake writers did not finish within {}", this.properties.intake().timeout());
		}
		this.groups = null;
	}

	@Override
	public boolean isRunning() {
		return this.groups != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private Submission submitOnce(PendingOrder pending) {
		String caller = pending.caller();
		String key = pending.idempotencyKey();
		if (!this.keys.tryLock(caller, key)) {
			throw new IdempotencyKeyInFlightException(key);
		}
		Optional<IdempotencyKeys.StoredKey> stored = this.keys.find(caller, key);
		if (stored.isPresent()) {
			if (!stored.get().requestHash().equals(pending.fingerprint())) {
				throw new IdempotencyKeyReusedException(key);
			}
			return new Submission(new SubmittedOrder(stored.get().orderId(), OrderStatus.PENDING), true);
		}
		SubmittedOrder order = create(pending, key);
		this.keys.save(caller, key, pending.fingerprint(), order.id(), this.properties.idempotencyKeyTtl());
		return new Submission(order, false);
	}

	/**
	 * Stores the order, its lines, its audit row and its outbox row, in the caller's
	 * transaction.
	 */
	private SubmittedOrder create(PendingOrder pending, String idempotencyKey) {
		OrderRepository.NewOrder order = newOrder(pending, idempotencyKey);
		this.orders.insert(List.of(order));
		return new SubmittedOrder(order.id(), OrderStatus.PENDING);
	}

	private OrderRepository.NewOrder newOrder(PendingOrder pending, String idempotencyKey) {
		return new OrderRepository.NewOrder(this.ids.next(), pending.request(), Money.total(pending.request().items()),
				idempotencyKey, pending.caller(), pending.traceParent());
	}

	/**
	 * The answer to a submission.
	 *
	 * @param order the order, new or created earlier with the same key
	 * @param replayed whether the answer repeats an earlier one
	 */
	record Submission(SubmittedOrder order, boolean replayed) {

	}

	/**
	 * A validated request waiting for its batch.
	 *
	 * @param request the order
	 * @param caller who sent it
	 * @param idempotencyKey its key, or null
	 * @param fingerprint of the request when it has a key, else null
	 * @param traceParent the request's W3C trace context, stored with its outbox row
	 */
	record PendingOrder(SubmitOrderRequest request, String caller, String idempotencyKey, String fingerprint,
			String traceParent) {

		/** Two submissions with the same lock key must not share a transaction. */
		Object lockKey() {
			return (this.idempotencyKey != null) ? List.of(this.caller, this.idempotencyKey) : null;
		}

	}

}

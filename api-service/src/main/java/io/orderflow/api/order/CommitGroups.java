package io.orderflow.api.order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: submissions that arrive together are written by one writer in one
 * transaction, and each is answered only once that transaction's outcome is known.
 * <p>
 * A fixed number of writer threads take from one queue. A writer takes one submission,
 * drains whatever else is queued (up to {@code maxBatch}) and hands the batch to the
 * {@link Writer}. Under light load a batch is a single submission and nothing waits for
 * company; under load, submissions queue up while the writers commit, so batches form by
 * themselves and the commits (one {@code fsync} and one {@code NOTIFY} each) are shared.
 * A few writers, not one, so that a slow commit does not stall the queue and the batches
 * of one writer are built while another commits.
 * <p>
 * Two submissions with the same key (a caller's {@code Idempotency-Key}) never share a
 * batch: PostgreSQL's advisory locks are re-entrant within a session, so both would pass
 * the key's lock. The later one is held back and goes into the same writer's next batch,
 * after the first one's transaction has ended; it then sees the stored key (a replay, or
 * a different body) like any later request.
 * <p>
 * A submission waits at most a bound for its answer. If no writer took it by then, it is
 * withdrawn (nothing will be written) and answered {@link IntakeUnavailableException}; if
 * a writer took it, the outcome is unknown and {@link StillWritingException} says so.
 * After {@link #close(Duration)} new submissions are refused, and the writers finish what
 * was queued before they stop.
 *
 * @param <T> what is submitted
 * @param <R> the answer to a written submission
 */
final class CommitGroups<T, R> {

	private static final Logger log = LoggerFactory.getLogger(CommitGroups.class);

	/** How often an idle writer checks whether it should stop. */
	private static final long IDLE_POLL_MILLIS = 100;

	private final BlockingQueue<Ticket<T, R>> queue = new LinkedBlockingQueue<>();

	private final int maxBatch;

	private final Function<T, Object> key;

	private final Writer<T, R> writer;

	private final IntConsumer batchSizes;

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean closed;

	/**
	 * Starts the writers.
	 * @param name prefix of the writer threads' names
	 * @param writers number of writer threads
	 * @param maxBatch most submissions per batch
	 * @param key the key two submissions of one batch must not share; null for none
	 * @param writer writes a batch and answers each of its submissions
	 * @param batchSizes told the size of each batch
	 */
	CommitGroups(String name, int writers, int maxBatch, Function<T, Object> key, Writer<T, R> writer,
			IntConsumer batchSizes) {
		this.maxBatch = maxBatch;
		this.key = key;
		this.writer = writer;
		this.batchSizes = batchSizes;
		for (int i = 1; i <= writers; i++) {
			Thread thread = new Thread(this::run, name + "-" + i);
			thread.setDaemon(true);
			this.threads.add(thread);
			thread.start();
		}
	}

	/**
	 * Queues a submission and waits for its answer.
	 * @param item what to write
	 * @param timeout longest wait
	 * @return the writer's answer
	 * @throws IntakeUnavailableException if it was not written (closed, or not taken in
	 * time)
	 * @throws StillWritingException if a writer took it but did not answer in time
	 */
	R submit(T item, Duration timeout) {
		Ticket<T, R> ticket = new Ticket<>(item);
		if (this.closed) {
			throw new IntakeUnavailableException("shutting down");
		}
		this.queue.add(ticket);
		// close() may have come between the check and the add, and the writers may be
		// gone.
		if (this.closed && ticket.withdraw()) {
			throw new IntakeUnavailableException("shutting down");
		}
		return ticket.await(timeout);
	}

	/** Submissions waiting for a writer. */
	int queued() {
		return this.queue.size();
	}

	/**
	 * Refuses new submissions and waits until the writers have written what was queued.
	 * @param timeout longest wait
	 * @return whether every writer finished in time
	 */
	boolean close(Duration timeout) {
		this.closed = true;
		long deadline = System.nanoTime() + timeout.toNanos();
		for (Thread thread : this.threads) {
			try {
				thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return this.threads.stream().noneMatch(Thread::isAlive);
	}

	private void run() {
		List<Ticket<T, R>> heldBack = new ArrayList<>();
		while (true) {
			List<Ticket<T, R>> candidates = new ArrayList<>(heldBack);
			if (candidates.isEmpty()) {
				Ticket<T, R> first;
				try {
					first = this.queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
				}
				catch (InterruptedException ex) {
					// Nobody interrupts the writers. If someone does, this one stops; the
					// others take the queue, and waiting requests withdraw on their
					// timeout.
					Thread.currentThread().interrupt();
					return;
				}
				if (first == null) {
					if (this.closed && this.queue.isEmpty()) {
						return;
					}
					continue;
				}
				candidates.add(first);
			}
			if (candidates.size() < this.maxBatch) {
				this.queue.drainTo(candidates, this.maxBatch - candidates.size());
			}
			Batch<T, R> batch = split(candidates, this.key);
			heldBack = batch.heldBack();
			List<Ticket<T, R>> members = new ArrayList<>(batch.members().size());
			for (Ticket<T, R> ticket : batch.members()) {
				if (ticket.take()) {
					members.add(ticket);
				}
			}
			if (!members.isEmpty()) {
				write(members);
			}
		}
	}

	private void write(List<Ticket<T, R>> members) {
		this.batchSizes.accept(members.size());
		try {
			this.writer.write(List.copyOf(members));
		}
		catch (RuntimeException ex) {
			log.error("Writing a batch of {} failed unexpectedly", members.size(), ex);
			members.forEach((ticket) -> ticket.fail(ex));
		}
		// A writer must answer every submission; one it forgot is not written.
		members.forEach((ticket) -> ticket.fail(new IllegalStateException("The batch's writer gave no answer")));
	}

	/**
	 * Splits candidates, in order, into a batch whose keys are distinct and the rest;
	 * withdrawn candidates are dropped.
	 */
	static <T, R> Batch<T, R> split(List<Ticket<T, R>> candidates, Function<T, Object> key) {
		List<Ticket<T, R>> members = new ArrayList<>(candidates.size());
		List<Ticket<T, R>> heldBack = new ArrayList<>();
		Set<Object> keys = new HashSet<>();
		for (Ticket<T, R> candidate : candidates) {
			if (candidate.isWithdrawn()) {
				continue;
			}
			Object itemKey = key.apply(candidate.item());
			if (itemKey == null || keys.add(itemKey)) {
				members.add(candidate);
			}
			else {
				heldBack.add(candidate);
			}
		}
		return new Batch<>(members, heldBack);
	}

	/**
	 * Writes one batch in one transaction.
	 *
	 * @param <T> what is submitted
	 * @param <R> the answer
	 */
	@FunctionalInterface
	interface Writer<T, R> {

		/**
		 * Writes the batch and answers every ticket, each with
		 * {@link Ticket#complete(Object)} only once its commit succeeded.
		 */
		void write(List<Ticket<T, R>> batch);

	}

	/**
	 * One batch.
	 *
	 * @param <T> what is submitted
	 * @param <R> the answer
	 * @param members written now, keys distinct
	 * @param heldBack candidates whose key a member has; for the next batch
	 */
	record Batch<T, R>(List<Ticket<T, R>> members, List<Ticket<T, R>> heldBack) {

	}

	/**
	 * A submission on its way: queued, then taken by a writer (or withdrawn by its
	 * waiting request), then answered.
	 *
	 * @param <T> what is submitted
	 * @param <R> the answer
	 */
	static final class Ticket<T, R> {

		private static final int QUEUED = 0;

		private static final int TAKEN = 1;

		private static final int WITHDRAWN = 2;

		private final T item;

		private final AtomicInteger state = new AtomicInteger(QUEUED);

		private final CompletableFuture<R> answer = new CompletableFuture<>();

		Ticket(T item) {
			this.item = item;
		}

		T item() {
			return this.item;
		}

		void complete(R result) {
			this.answer.complete(result);
		}

		void fail(RuntimeException failure) {
			this.answer.completeExceptionally(failure);
		}

		boolean take() {
			return this.state.compareAndSet(QUEUED, TAKEN);
		}

		boolean withdraw() {
			return this.state.compareAndSet(QUEUED, WITHDRAWN);
		}

		boolean isWithdrawn() {
			return this.state.get() == WITHDRAWN;
		}

		R await(Duration timeout) {
			try {
				return this.answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof RuntimeException failure) {
					throw failure;
				}
				throw new IllegalStateException("A batch's writer failed", ex.getCause());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return unanswered("interrupted");
			}
			catch (TimeoutException ex) {
				return unanswered("no answer within " + timeout);
			}
		}

		private R unanswered(String reason) {
			if (withdraw()) {
				throw new IntakeUnavailableException(reason);
			}
			throw new StillWritingException(reason);
		}

	}

	/**
	 * A writer took the submission but gave no answer in time: it may yet be committed.
	 */
	static final class StillWritingException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		StillWritingException(String reason) {
			super("The submission is being written, but " + reason);
		}

	}

}

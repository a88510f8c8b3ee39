package io.orderflow.benchmarks.outbox;

import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.core.Ordered;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores one order and queues it for Kafka in one transaction, and tells when that
 * transaction committed: the instant the latency of both contenders is measured from.
 */
final class OrderTransaction {

	private final TransactionTemplate transaction;

	private final Consumer<UUID> work;

	/**
	 * @param transaction the contender's transactions
	 * @param work what the contender does for one order inside the transaction
	 */
	OrderTransaction(TransactionTemplate transaction, Consumer<UUID> work) {
		this.transaction = transaction;
		this.work = work;
	}

	/**
	 * Runs the transaction; returns the {@link System#nanoTime()} at which it committed.
	 */
	long run(UUID orderId) {
		CommitInstant committed = new CommitInstant();
		this.transaction.executeWithoutResult((status) -> {
			TransactionSynchronizationManager.registerSynchronization(committed);
			this.work.accept(orderId);
		});
		if (committed.nanos == 0) {
			throw new IllegalStateException("The transaction of order " + orderId + " did not commit");
		}
		return committed.nanos;
	}

	/**
	 * Notes the time right after the commit, before any other after-commit callback (such
	 * as the one that hands a Modulith event to its externalizer) runs.
	 */
	private static final class CommitInstant implements TransactionSynchronization {

		private long nanos;

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

		@Override
		public void afterCommit() {
			this.nanos = System.nanoTime();
		}

	}

}

package io.orderflow.worker.reconcile;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.orderflow.worker.order.FailedOrder;
import org.apache.kafka.common.utils.Utils;

/**
 * An order found non-terminal for longer than {@code stuck-after}.
 *
 * @param id the order
 * @param status its status, {@code PENDING} or {@code PROCESSING}
 * @param reconcileCount how often it was re-driven before
 * @param idempotencyKey the client's key, carried on the re-driven record like on the
 * original
 * @param since when it last changed
 */
record StuckOrder(UUID id, String status, int reconcileCount, String idempotencyKey, Instant since) {

	/**
	 * This order out of re-drives, as it is marked {@code FAILED}, pointing at its
	 * dead-letter partition.
	 */
	FailedOrder failed(Duration stuckAfter, String deadLetterTopic, int partitions) {
		String reason = "stuck in " + this.status + ": re-driven " + this.reconcileCount
				+ " time(s) through Kafka without an outcome, each time for longer than " + stuckAfter
				+ "; look for its dead letter, fix the cause and replay it";
		return new FailedOrder(this.id, reason, null,
				deadLetterTopic + "-" + partitionOf(this.id, partitions) + " key " + this.id);
	}

	/**
	 * The partition Kafka's default partitioner gives this key: where its records and
	 * dead letters are.
	 */
	static int partitionOf(UUID id, int partitions) {
		return Utils.toPositive(Utils.murmur2(id.toString().getBytes(StandardCharsets.UTF_8))) % partitions;
	}

}

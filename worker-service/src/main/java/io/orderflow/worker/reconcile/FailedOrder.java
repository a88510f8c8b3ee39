package io.orderflow.worker.reconcile;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.common.utils.Utils;

/**
 * A stuck order out of re-drives, as it is marked {@code FAILED}.
 *
 * @param id the order
 * @param reason why, for the operator
 * @param deadLetter where to look for its dead letter: the dead-letter partition its key maps to
 */
record FailedOrder(UUID id, String reason, String deadLetter) {

	static FailedOrder of(StuckOrder order, Duration stuckAfter, String deadLetterTopic, int partitions) {
		String reason = "stuck in " + order.status() + ": re-driven " + order.reconcileCount()
				+ " time(s) through Kafka without an outcome, each time for longer than " + stuckAfter
				+ "; look for its dead letter, fix the cause and replay it";
		return new FailedOrder(order.id(), reason,
				deadLetterTopic + "-" + partitionOf(order.id(), partitions) + " key " + order.id());
	}

	/** The partition Kafka's default partitioner gives this key: where its records and dead letters are. */
	static int partitionOf(UUID id, int partitions) {
		return Utils.toPositive(Utils.murmur2(id.toString().getBytes(StandardCharsets.UTF_8))) % partitions;
	}

}

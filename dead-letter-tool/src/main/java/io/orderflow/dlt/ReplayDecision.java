package io.orderflow.dlt;

import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What replaying one dead letter comes to: a record to publish, or a refusal with its
 * reason.
 */
sealed interface ReplayDecision {

	DeadLetterRecord source();

	/**
	 * Publish {@code record}, which carries {@code replayCount} in its
	 * {@code replay-count} header.
	 */
	record Publish(DeadLetterRecord source, ProducerRecord<byte[], byte[]> record,
			int replayCount) implements ReplayDecision {
	}

	/** Do not replay {@code source}, because of {@code reason}. */
	record Refuse(DeadLetterRecord source, String reason) implements ReplayDecision {

		/** The line operators see: {@code refused orders-dlt-2@17: <reason>}. */
		String describe() {
			return "refused " + this.source.coordinates() + ": " + this.reason;
		}

	}

}

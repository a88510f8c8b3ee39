package io.orderflow.dlt;

import java.nio.charset.StandardCharsets;

import io.orderflow.common.messaging.DeadLetterHeaders;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Turns dead letters into the records that replay them to {@code target}: same key and
 * value bytes, the original headers without the dead-letter ones, plus where the record
 * came from and how often it has been replayed. A record replayed {@code maxReplays}
 * times already is refused, so a message that keeps failing cannot cycle between the
 * topics forever.
 */
record ReplayPlan(String target, int maxReplays) {

	ReplayPlan {
		if (maxReplays < 1) {
			throw new IllegalArgumentException("--max-replays must be at least 1, got " + maxReplays);
		}
	}

	ReplayDecision decide(DeadLetterRecord record) {
		String previous = record.replayCount();
		int replays = (previous != null) ? count(previous) : 0;
		if (replays < 0) {
			return new ReplayDecision.Refuse(record,
					"its " + DeadLetterHeaders.REPLAY_COUNT + " header '" + previous + "' is not a replay count");
		}
		if (replays >= this.maxReplays) {
			return new ReplayDecision.Refuse(record, "replayed %d time%s already (--max-replays %d)".formatted(replays,
					(replays == 1) ? "" : "s", this.maxReplays));
		}
		RecordHeaders headers = new RecordHeaders();
		for (Header header : record.headers()) {
			if (!isReplacedOnReplay(header.key())) {
				headers.add(header);
			}
		}
		headers.add(DeadLetterHeaders.REPLAYED_FROM, record.coordinates().getBytes(StandardCharsets.UTF_8));
		headers.add(DeadLetterHeaders.REPLAY_COUNT, Integer.toString(replays + 1).getBytes(StandardCharsets.UTF_8));
		// No partition and no timestamp: the key picks the partition as for a new order,
		// and the
		// replay is a new event.
		ProducerRecord<byte[], byte[]> replay = new ProducerRecord<>(this.target, null, record.key(), record.value(),
				headers);
		return new ReplayDecision.Publish(record, replay, replays + 1);
	}

	/** The count in a {@code replay-count} header, or -1 if it holds no count. */
	private static int count(String header) {
		try {
			return Math.max(-1, Integer.parseInt(header.trim()));
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * Dead-letter headers describe the failure, not the message; provenance headers are
	 * written anew.
	 */
	private static boolean isReplacedOnReplay(String name) {
		return name.startsWith(DeadLetterHeaders.SPRING_PREFIX) || name.startsWith(DeadLetterHeaders.ORDERFLOW_PREFIX)
				|| name.equals(DeadLetterHeaders.REPLAYED_FROM) || name.equals(DeadLetterHeaders.REPLAY_COUNT);
	}

}

package io.orderflow.worker.dlt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Where this worker has dead-lettered which record: {@code <dlt>-<partition>@<offset>} by
 * original position. A batch that is retried after some of its dead letters went out must
 * not send them again. Bounded: a record redelivered after thousands of newer dead
 * letters is sent again, which at-least-once delivery allows.
 */
final class PublishedDeadLetters {

	private static final int CAPACITY = 10_000;

	private final Map<RecordPosition, String> positions = Collections
		.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<RecordPosition, String> eldest) {
				return size() > CAPACITY;
			}

		});

	void remember(ConsumerRecord<?, ?> original, String deadLetter) {
		this.positions.put(RecordPosition.of(original), deadLetter);
	}

	/** Where {@code original} was dead-lettered, if this worker did it recently. */
	Optional<String> find(ConsumerRecord<?, ?> original) {
		return Optional.ofNullable(this.positions.get(RecordPosition.of(original)));
	}

}

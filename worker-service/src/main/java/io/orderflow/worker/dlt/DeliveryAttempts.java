package io.orderflow.worker.dlt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import org.springframework.kafka.listener.RetryListener;

/**
 * Remembers how often each record of a failing batch was attempted, so its dead letter
 * can say so. Bounded: records whose retry succeeded are forgotten as newer ones arrive.
 */
public class DeliveryAttempts implements RetryListener {

	private static final int CAPACITY = 10_000;

	private final Map<RecordPosition, Integer> attempts = Collections
		.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<RecordPosition, Integer> eldest) {
				return size() > CAPACITY;
			}

		});

	@Override
	public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
		this.attempts.put(key(record), deliveryAttempt);
	}

	@Override
	public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int deliveryAttempt) {
		records.forEach((record) -> this.attempts.put(key(record), deliveryAttempt));
	}

	@Override
	public void recovered(ConsumerRecords<?, ?> records, Exception ex) {
		records.forEach((record) -> this.attempts.remove(key(record)));
	}

	/** Attempts made so far; 1 for a record that failed on its first delivery. */
	public int of(ConsumerRecord<?, ?> record) {
		return Math.max(1, this.attempts.getOrDefault(key(record), 1));
	}

	private static RecordPosition key(ConsumerRecord<?, ?> record) {
		return RecordPosition.of(record);
	}

}

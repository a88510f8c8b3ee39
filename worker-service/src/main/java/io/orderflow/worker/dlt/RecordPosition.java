package io.orderflow.worker.dlt;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Where a record was consumed from.
 *
 * @param topic its topic
 * @param partition its partition
 * @param offset its offset
 */
record RecordPosition(String topic, int partition, long offset) {

	static RecordPosition of(ConsumerRecord<?, ?> record) {
		return new RecordPosition(record.topic(), record.partition(), record.offset());
	}

}

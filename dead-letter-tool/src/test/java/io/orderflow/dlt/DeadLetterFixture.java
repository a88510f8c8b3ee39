package io.orderflow.dlt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import io.orderflow.common.messaging.DeadLetterHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Builds dead letters as the worker's {@code DeadLetterPublishingRecoverer} writes them:
 * the original key, value and headers plus spring-kafka's and orderflow's dead-letter
 * headers.
 */
final class DeadLetterFixture {

	static final String STACK_TRACE = """
			org.springframework.kafka.listener.ListenerExecutionFailedException: Listener failed
				at org.springframework.kafka.listener.KafkaMessageListenerContainer.invoke(KafkaMessageListenerContainer.java:2900)
			Caused by: java.lang.IllegalStateException: Unknown order id order-1
				at io.orderflow.worker.order.OrderBatchProcessor.process(OrderBatchProcessor.java:42)
			""";

	private String topic = "orders-dlt";

	private int partition;

	private long offset;

	private Instant timestamp = Instant.parse("2026-11-23T10:00:00Z");

	private byte[] key = utf8("order-1");

	private byte[] value = utf8("{\"orderId\":\"order-1\"}");

	private final RecordHeaders headers = new RecordHeaders();

	private DeadLetterFixture() {
		header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
		header(KafkaHeaders.DLT_EXCEPTION_FQCN, "org.springframework.kafka.listener.ListenerExecutionFailedException");
		header(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN, "java.lang.IllegalStateException");
		header(KafkaHeaders.DLT_EXCEPTION_MESSAGE, "Listener failed; Unknown order id order-1");
		header(KafkaHeaders.DLT_EXCEPTION_STACKTRACE, STACK_TRACE);
		header(KafkaHeaders.DLT_ORIGINAL_TOPIC, "orders");
		this.headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(Integer.BYTES).putInt(2).array());
		this.headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(17).array());
		this.headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP,
				ByteBuffer.allocate(Long.BYTES).putLong(Instant.parse("2026-11-23T09:59:58Z").toEpochMilli()).array());
		header(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP_TYPE, "CreateTime");
		header(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, "orderflow-workers");
		header(DeadLetterHeaders.ATTEMPTS, "3");
		header(DeadLetterHeaders.WORKER, "worker-1");
	}

	/**
	 * A dead letter of an order whose id the worker did not know, on partition 0 at
	 * offset 0.
	 */
	static DeadLetterFixture deadLetter() {
		return new DeadLetterFixture();
	}

	DeadLetterFixture topic(String topic) {
		this.topic = topic;
		return this;
	}

	DeadLetterFixture at(int partition, long offset) {
		this.partition = partition;
		this.offset = offset;
		return this;
	}

	DeadLetterFixture timestamp(Instant timestamp) {
		this.timestamp = timestamp;
		return this;
	}

	DeadLetterFixture key(String key) {
		this.key = (key != null) ? utf8(key) : null;
		return this;
	}

	DeadLetterFixture value(byte[] value) {
		this.value = value;
		return this;
	}

	/** Adds a header; a header of the same name stays, as Kafka allows. */
	DeadLetterFixture header(String name, String value) {
		this.headers.add(name, utf8(value));
		return this;
	}

	/** Replaces the headers of that name. */
	DeadLetterFixture replaceHeader(String name, String value) {
		this.headers.remove(name);
		return header(name, value);
	}

	DeadLetterFixture exception(String className, String causeClassName) {
		replaceHeader(KafkaHeaders.DLT_EXCEPTION_FQCN, className);
		return replaceHeader(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN, causeClassName);
	}

	DeadLetterFixture replayCount(String count) {
		return replaceHeader(DeadLetterHeaders.REPLAY_COUNT, count);
	}

	DeadLetterRecord build() {
		long millis = (this.timestamp != null) ? this.timestamp.toEpochMilli() : -1;
		return new DeadLetterRecord(
				new ConsumerRecord<>(this.topic, this.partition, this.offset, millis, TimestampType.CREATE_TIME, -1, -1,
						this.key, this.value, new RecordHeaders(this.headers.toArray()), Optional.empty()));
	}

	/**
	 * The record that writes this dead letter to its partition of {@code topic}. The
	 * producer stamps it with the current time, as when the worker dead-letters, since a
	 * broker refuses timestamps too far from its clock.
	 */
	ProducerRecord<byte[], byte[]> toProducerRecord(String topic) {
		return new ProducerRecord<>(topic, this.partition, null, this.key, this.value,
				new RecordHeaders(this.headers.toArray()));
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}

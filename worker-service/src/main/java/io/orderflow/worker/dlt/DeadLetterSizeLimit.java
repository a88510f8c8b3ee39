package io.orderflow.worker.dlt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.orderflow.common.messaging.DeadLetterHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Keeps a dead letter within what the dead-letter topic accepts. A record that fitted on
 * the orders topic can outgrow the limit once the diagnostics are added, and a record the
 * broker refuses as too large could never be dead-lettered. In order, until it fits: the
 * stack traces are dropped, then the original record's own headers, and last the value,
 * which is replaced by a JSON stub that names the original coordinates (header
 * {@link DeadLetterHeaders#VALUE_DROPPED} holds its size).
 */
final class DeadLetterSizeLimit {

	/**
	 * Kafka's per-record framing (lengths, attributes, timestamp and offset deltas),
	 * generously.
	 */
	static final int RECORD_OVERHEAD = 512;

	private static final String DROPPED = "[dropped: the dead letter would exceed %d bytes]";

	private final int maxRecordSize;

	DeadLetterSizeLimit(int maxRecordSize) {
		this.maxRecordSize = maxRecordSize;
	}

	ProducerRecord<Object, Object> fit(ProducerRecord<Object, Object> letter, ConsumerRecord<?, ?> original) {
		if (size(letter) <= this.maxRecordSize) {
			return letter;
		}
		Headers headers = letter.headers();
		byte[] dropped = DROPPED.formatted(this.maxRecordSize).getBytes(StandardCharsets.UTF_8);
		for (String name : List.of("kafka_dlt-exception-stacktrace", "kafka_dlt-key-exception-stacktrace")) {
			if (headers.lastHeader(name) != null) {
				headers.remove(name);
				headers.add(name, dropped);
			}
		}
		if (size(letter) <= this.maxRecordSize) {
			return letter;
		}
		List<String> ownHeaders = new ArrayList<>();
		headers.forEach((header) -> {
			if (!header.key().startsWith(DeadLetterHeaders.SPRING_PREFIX)
					&& !header.key().startsWith(DeadLetterHeaders.ORDERFLOW_PREFIX)) {
				ownHeaders.add(header.key());
			}
		});
		ownHeaders.forEach(headers::remove);
		if (size(letter) <= this.maxRecordSize) {
			return letter;
		}
		int valueSize = length(letter.value());
		headers.add(DeadLetterHeaders.VALUE_DROPPED, Integer.toString(valueSize).getBytes(StandardCharsets.UTF_8));
		return new ProducerRecord<>(letter.topic(), letter.partition(), letter.timestamp(), letter.key(),
				stub(original, valueSize), headers);
	}

	/**
	 * The record's size as the broker counts it, near enough: key, value, headers and
	 * framing.
	 */
	static int size(ProducerRecord<?, ?> record) {
		int size = RECORD_OVERHEAD + length(record.key()) + length(record.value());
		for (Header header : record.headers()) {
			size += header.key().getBytes(StandardCharsets.UTF_8).length
					+ ((header.value() != null) ? header.value().length : 0) + 8;
		}
		return size;
	}

	private byte[] stub(ConsumerRecord<?, ?> original, int valueSize) {
		return ("{\"valueDropped\":true,\"originalSize\":" + valueSize + ",\"topic\":\"" + original.topic()
				+ "\",\"partition\":" + original.partition() + ",\"offset\":" + original.offset()
				+ ",\"reason\":\"the value with its diagnostics exceeds " + this.maxRecordSize
				+ " bytes; read it from the original topic while retention keeps it\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

	private static int length(Object part) {
		if (part == null) {
			return 0;
		}
		if (part instanceof byte[] bytes) {
			return bytes.length;
		}
		if (part instanceof RawPayload raw) {
			return raw.payload().length;
		}
		return part.toString().getBytes(StandardCharsets.UTF_8).length;
	}

}

package io.orderflow.dlt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.orderflow.common.messaging.DeadLetterHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * A record of the dead-letter topic, with typed access to the headers that spring-kafka's
 * {@code DeadLetterPublishingRecoverer} and the orderflow worker put on it.
 */
record DeadLetterRecord(ConsumerRecord<byte[], byte[]> record) {

	/**
	 * {@code <topic>-<partition>@<offset>}, the form operators and {@code replayed-from}
	 * use.
	 */
	String coordinates() {
		return this.record.topic() + "-" + this.record.partition() + "@" + this.record.offset();
	}

	int partition() {
		return this.record.partition();
	}

	long offset() {
		return this.record.offset();
	}

	/**
	 * When the record was dead-lettered, or {@code null} if the record carries no
	 * timestamp.
	 */
	Instant timestamp() {
		return (this.record.timestamp() >= 0) ? Instant.ofEpochMilli(this.record.timestamp()) : null;
	}

	/** The original key bytes, {@code null} for a record without key. */
	byte[] key() {
		return this.record.key();
	}

	/** The original value bytes, unchanged: they may be empty or not JSON at all. */
	byte[] value() {
		return this.record.value();
	}

	Headers headers() {
		return this.record.headers();
	}

	/** The last header of that name as UTF-8 text, or {@code null} if there is none. */
	String header(String name) {
		Header header = this.record.headers().lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	String exceptionClass() {
		return header(KafkaHeaders.DLT_EXCEPTION_FQCN);
	}

	String exceptionCauseClass() {
		return header(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN);
	}

	String exceptionMessage() {
		return header(KafkaHeaders.DLT_EXCEPTION_MESSAGE);
	}

	/**
	 * How often the worker tried the record, as the worker wrote it; {@code null} if
	 * absent.
	 */
	String attempts() {
		return header(DeadLetterHeaders.ATTEMPTS);
	}

	/**
	 * How often the record was replayed before, as written by an earlier replay;
	 * {@code null} if never.
	 */
	String replayCount() {
		return header(DeadLetterHeaders.REPLAY_COUNT);
	}

	/**
	 * A header value for people: the spring-kafka headers that hold binary numbers are
	 * decoded, everything else is shown as text or, if it is not text, as hex.
	 */
	static String display(Header header) {
		String name = header.key();
		byte[] value = header.value();
		if (value != null && value.length == Integer.BYTES && name.equals(KafkaHeaders.DLT_ORIGINAL_PARTITION)) {
			return Integer.toString(ByteBuffer.wrap(value).getInt());
		}
		if (value != null && value.length == Long.BYTES) {
			if (name.equals(KafkaHeaders.DLT_ORIGINAL_OFFSET)) {
				return Long.toString(ByteBuffer.wrap(value).getLong());
			}
			if (name.equals(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP)) {
				long millis = ByteBuffer.wrap(value).getLong();
				return millis + " (" + Instant.ofEpochMilli(millis) + ")";
			}
		}
		return Bytes.display(value);
	}

}

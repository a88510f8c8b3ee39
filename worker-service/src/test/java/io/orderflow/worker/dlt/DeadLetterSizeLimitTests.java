package io.orderflow.worker.dlt;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.orderflow.common.messaging.DeadLetterHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DeadLetterSizeLimit}.
 */
class DeadLetterSizeLimitTests {

	private static final int LIMIT = 10_000;

	private final DeadLetterSizeLimit limit = new DeadLetterSizeLimit(LIMIT);

	private final ConsumerRecord<String, byte[]> original = new ConsumerRecord<>("orders", 3, 42L, "key", new byte[0]);

	@Test
	void letterWithinTheLimitIsSentAsItIs() {
		ProducerRecord<Object, Object> letter = letter(bytes(1_000), 2_000, 100);

		ProducerRecord<Object, Object> fitted = this.limit.fit(letter, this.original);

		assertThat(fitted).isSameAs(letter);
		assertThat(header(fitted, "kafka_dlt-exception-stacktrace")).hasSize(2_000);
	}

	@Test
	void stackTracesGoFirstAndTheValueStays() {
		byte[] value = bytes(6_000);

		ProducerRecord<Object, Object> fitted = this.limit.fit(letter(value, 5_000, 100), this.original);

		assertThat(fitted.value()).isEqualTo(value);
		assertThat(header(fitted, "kafka_dlt-exception-stacktrace")).startsWith("[dropped");
		assertThat(header(fitted, "idempotency-key")).hasSize(100);
		assertThat(DeadLetterSizeLimit.size(fitted)).isLessThanOrEqualTo(LIMIT);
	}

	@Test
	void theOriginalRecordsOwnHeadersGoNext() {
		byte[] value = bytes(6_000);

		ProducerRecord<Object, Object> fitted = this.limit.fit(letter(value, 5_000, 4_000), this.original);

		assertThat(fitted.value()).isEqualTo(value);
		assertThat(fitted.headers().lastHeader("idempotency-key")).isNull();
		assertThat(header(fitted, "kafka_dlt-exception-message")).isEqualTo("why");
		assertThat(DeadLetterSizeLimit.size(fitted)).isLessThanOrEqualTo(LIMIT);
	}

	@Test
	void aValueTooLargeOnItsOwnIsReplacedByAStubThatNamesTheOriginal() {
		ProducerRecord<Object, Object> fitted = this.limit.fit(letter(bytes(20_000), 5_000, 100), this.original);

		String stub = new String((byte[]) fitted.value(), StandardCharsets.UTF_8);
		assertThat(stub).contains("\"valueDropped\":true", "\"originalSize\":20000", "\"topic\":\"orders\"",
				"\"partition\":3", "\"offset\":42");
		assertThat(header(fitted, DeadLetterHeaders.VALUE_DROPPED)).isEqualTo("20000");
		assertThat(fitted.key()).isEqualTo("key");
		assertThat(fitted.partition()).isEqualTo(3);
		assertThat(DeadLetterSizeLimit.size(fitted)).isLessThanOrEqualTo(LIMIT);
	}

	private static ProducerRecord<Object, Object> letter(byte[] value, int stackTrace, int ownHeader) {
		RecordHeaders headers = new RecordHeaders();
		headers.add("idempotency-key", bytes(ownHeader));
		headers.add("kafka_dlt-exception-message", "why".getBytes(StandardCharsets.UTF_8));
		headers.add("kafka_dlt-exception-stacktrace", bytes(stackTrace));
		return new ProducerRecord<>("orders-dlt", 3, "key", value, headers);
	}

	private static byte[] bytes(int length) {
		byte[] bytes = new byte[length];
		Arrays.fill(bytes, (byte) 'x');
		return bytes;
	}

	private static String header(ProducerRecord<?, ?> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

}

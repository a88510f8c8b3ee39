package io.orderflow.worker.order;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.orderflow.common.messaging.InvalidOrderMessageException;
import io.orderflow.common.messaging.DeadLetterHeaders;
import io.orderflow.testsupport.TestInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Records that can never be processed go to {@code orders-dlt} at once, with their
 * original key and bytes and full diagnostics, and never hold up the records behind them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.config.name=orderflow-worker", "orderflow.worker.instance-id=poison-test-worker" })
class PoisonRecordIntegrationTests extends WorkerIntegrationTestSupport {

	@Value("${spring.kafka.consumer.group-id}")
	String group;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.shared()
			.isolatedSpringProperties()
			.forEach((name, value) -> registry.add(name, () -> value));
	}

	@BeforeEach
	void setUp() {
		this.fixtures.stock("A", 1000);
	}

	static Stream<Arguments> undeserializableValues() {
		return Stream.of(
				Arguments.of("non-JSON bytes", new byte[] { 0x00, (byte) 0xFF, 'x', '{' }, "Value is not JSON"),
				Arguments.of("an empty value", new byte[0], "Empty value"),
				Arguments.of("JSON without orderId", utf8("{\"id\": \"42\"}"), "JSON has no orderId"),
				Arguments.of("a malformed UUID", utf8("{\"orderId\": \"1-2-3-4-5\"}"),
						"orderId is not a UUID: '1-2-3-4-5'"),
				Arguments.of("a JSON array", utf8("[1, 2]"), "not an object"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("undeserializableValues")
	void undeserializableValueIsDeadLetteredAndTheRecordsBehindItAreProcessed(String kind, byte[] value,
			String reason) {
		String key = "poison-" + UUID.randomUUID();
		long offset = this.fixtures.sendRaw(0, key, value);
		UUID behind = this.fixtures.order(this.fixtures.line("A", 1, "1.00"));
		this.fixtures.sendRaw(0, behind.toString(), OrderFixtures.json(behind));

		this.fixtures.awaitStatus(behind, "COMPLETED");
		ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter(key);

		assertThat(deadLetter.value()).isEqualTo(value);
		assertThat(deadLetter.partition()).isZero();
		assertThat(OrderFixtures.header(deadLetter, "kafka_dlt-exception-fqcn"))
			.isEqualTo(DeserializationException.class.getName());
		assertThat(OrderFixtures.header(deadLetter, "kafka_dlt-exception-cause-fqcn"))
			.isEqualTo(InvalidOrderMessageException.class.getName());
		assertThat(OrderFixtures.header(deadLetter, "kafka_dlt-exception-message")).contains(reason);
		assertOriginHeaders(deadLetter, 0, offset);
	}

	@Test
	void unknownOrderIsDeadLetteredWithItsExactOriginalBytes() {
		UUID missing = UUID.randomUUID();
		byte[] value = utf8("{ \"orderId\" : \"" + missing + "\", \"note\": \"extra fields and spacing are kept\" }");
		long offset = this.fixtures.sendRaw(1, missing.toString(), value);
		UUID behind = this.fixtures.order(this.fixtures.line("A", 1, "1.00"));
		this.fixtures.sendRaw(1, behind.toString(), OrderFixtures.json(behind));

		this.fixtures.awaitStatus(behind, "COMPLETED");
		ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter(missing.toString());

		assertThat(deadLetter.value()).isEqualTo(value);
		assertThat(OrderFixtures.header(deadLetter, "kafka_dlt-exception-fqcn"))
			.isEqualTo(OrderNotFoundException.class.getName());
		assertThat(OrderFixtures.header(deadLetter, "kafka_dlt-exception-message")).contains(missing.toString());
		assertOriginHeaders(deadLetter, 1, offset);
	}

	@Test
	void orderWithoutLinesIsDeadLettered() {
		UUID empty = this.fixtures.order();

		this.fixtures.send(empty);

		ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter(empty.toString());
		assertThat(OrderFixtures.header(deadLetter, "kafka_dlt-exception-fqcn"))
			.isEqualTo(InvalidOrderDataException.class.getName());
		assertThat(OrderFixtures.header(deadLetter, "kafka_dlt-exception-message")).contains("order has no lines");
	}

	@Test
	@SuppressWarnings("try") // the fault lasts as long as the try block
	void permanentFailureOfOneOrderIsIsolatedFromItsBatch() {
		UUID first = this.fixtures.order(this.fixtures.line("A", 1, "1.00"));
		UUID poisoned = this.fixtures.order(this.fixtures.line("A", 1, "1.00"));
		UUID last = this.fixtures.order(this.fixtures.line("A", 1, "1.00"));
		try (OrderFixtures.CompletionFault fault = this.fixtures.failCompletion(poisoned, "P0001")) {
			for (UUID id : List.of(first, poisoned, last)) {
				this.fixtures.sendRaw(2, id.toString(), OrderFixtures.json(id));
			}

			this.fixtures.awaitStatus(first, "COMPLETED");
			this.fixtures.awaitStatus(last, "COMPLETED");
			ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter(poisoned.toString());
			assertThat(OrderFixtures.header(deadLetter, "kafka_dlt-exception-message"))
				.contains("simulated permanent failure for order " + poisoned);
			assertThat(OrderFixtures.header(deadLetter, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");
			assertThat(this.fixtures.status(poisoned)).isNotEqualTo("COMPLETED");
			assertThat(this.fixtures.available("A")).isEqualTo(998);
		}
	}

	@Test
	void businessRejectionsNeverReachTheDeadLetterTopic() {
		UUID rejected = this.fixtures.order(this.fixtures.line("NO-SUCH-SKU", 1, "1.00"));
		UUID marker = UUID.randomUUID();

		this.fixtures.sendRaw(3, rejected.toString(), OrderFixtures.json(rejected));
		// An unknown order behind it on the same partition: once it is dead-lettered, the
		// rejection was handled.
		this.fixtures.sendRaw(3, marker.toString(), OrderFixtures.json(marker));

		awaitDeadLetter(marker.toString());
		assertThat(this.fixtures.status(rejected)).isEqualTo("REJECTED");
		assertThat(this.fixtures.deadLetters(rejected.toString())).isEmpty();
	}

	@Test
	void poisonTooLargeForTheDeadLetterTopicIsReplacedByAStubNamingTheOriginal() {
		String key = "huge-" + UUID.randomUUID();
		byte[] value = junk(1_040_000);
		long offset = this.fixtures.sendRaw(4, key, value);
		UUID behind = this.fixtures.order(this.fixtures.line("A", 1, "1.00"));
		this.fixtures.sendRaw(4, behind.toString(), OrderFixtures.json(behind));

		this.fixtures.awaitStatus(behind, "COMPLETED");
		ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter(key);
		assertThat(OrderFixtures.header(deadLetter, DeadLetterHeaders.VALUE_DROPPED)).isEqualTo("1040000");
		assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).contains("\"valueDropped\":true")
			.contains("\"topic\":\"" + this.topics.orders() + "\"")
			.contains("\"partition\":4")
			.contains("\"offset\":" + offset);
		assertThat(OrderFixtures.header(deadLetter, "kafka_dlt-exception-message")).contains("Value is not JSON");
		assertOriginHeaders(deadLetter, 4, offset);
	}

	@Test
	void deadLetterTopicHasAsManyPartitionsAsTheOrdersTopic() throws Exception {
		try (Admin admin = Admin
			.create(java.util.Map.of("bootstrap.servers", String.join(",", this.kafka.getBootstrapServers())))) {
			var topics = admin.describeTopics(List.of(this.topics.orders(), this.topics.ordersDeadLetter()))
				.allTopicNames()
				.get();
			assertThat(topics.get(this.topics.ordersDeadLetter()).partitions())
				.hasSameSizeAs(topics.get(this.topics.orders()).partitions());
			assertThat(topics.get(this.topics.orders()).partitions()).hasSize(6);
		}
	}

	private ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
		return await().atMost(OrderFixtures.TIMEOUT)
			.until(() -> this.fixtures.deadLetters(key), (records) -> !records.isEmpty())
			.get(0);
	}

	private void assertOriginHeaders(ConsumerRecord<String, byte[]> deadLetter, int partition, long offset) {
		assertThat(OrderFixtures.header(deadLetter, "kafka_dlt-original-topic")).isEqualTo(this.topics.orders());
		assertThat(ByteBuffer.wrap(deadLetter.headers().lastHeader("kafka_dlt-original-partition").value()).getInt())
			.isEqualTo(partition);
		assertThat(ByteBuffer.wrap(deadLetter.headers().lastHeader("kafka_dlt-original-offset").value()).getLong())
			.isEqualTo(offset);
		assertThat(deadLetter.headers().lastHeader("kafka_dlt-original-timestamp")).isNotNull();
		assertThat(OrderFixtures.header(deadLetter, "kafka_dlt-original-consumer-group")).isEqualTo(this.group);
		assertThat(OrderFixtures.header(deadLetter, "kafka_dlt-exception-stacktrace")).isNotBlank();
		assertThat(OrderFixtures.header(deadLetter, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");
		assertThat(OrderFixtures.header(deadLetter, DeadLetterHeaders.WORKER)).isEqualTo("poison-test-worker");
	}

	/** Bytes that are not JSON, of the given length. */
	private static byte[] junk(int length) {
		byte[] bytes = new byte[length];
		java.util.Arrays.fill(bytes, (byte) 'x');
		return bytes;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}

package io.orderflow.dlt;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.orderflow.common.messaging.DeadLetterHeaders;
import io.orderflow.testsupport.TestInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.orderflow.dlt.DeadLetterFixture.deadLetter;
import static io.orderflow.dlt.DeadLetterFixture.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for {@link DeadLetterTool} on a real broker: dead letters as the
 * worker writes them, listed, shown and replayed to a target topic.
 */
class DeadLetterToolIntegrationTests {

	private static final byte[] GARBAGE = { (byte) 0xff, 0x00, 0x7b, (byte) 0xc3 };

	private static String bootstrapServers;

	private static Admin admin;

	private static String dlt;

	@BeforeAll
	static void writeDeadLetters() throws Exception {
		bootstrapServers = TestInfrastructure.shared().kafka().bootstrapServers();
		admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
		dlt = newTopic("orders-dlt");
		produce(List.of(deadLetter().at(0, 0).key("order-0").toProducerRecord(dlt),
				deadLetter().at(1, 0).key("order-1").value(GARBAGE).header("tenant", "acme").toProducerRecord(dlt),
				deadLetter().at(1, 1)
					.key("order-2")
					.value(new byte[0])
					.exception("org.apache.kafka.common.errors.SerializationException", "java.io.EOFException")
					.toProducerRecord(dlt),
				deadLetter().at(2, 0).key("order-3").replayCount("3").toProducerRecord(dlt)));
	}

	@AfterAll
	static void closeAdmin() {
		admin.close();
	}

	@Test
	void listPrintsOneLinePerDeadLetter() {
		Run run = dlt("list");

		assertThat(run.exitCode()).isZero();
		assertThat(run.out()
			.lines()
			.filter((line) -> line.matches("\\d+ +\\d+ .*"))
			.map((line) -> line.split(" +"))
			.map((columns) -> columns[0] + "@" + columns[1] + " " + columns[3] + " " + columns[4] + " " + columns[5]
					+ " " + columns[7]))
			.containsExactly("0@0 order-0 ListenerExecutionFailedException IllegalStateException 0",
					"1@0 order-1 ListenerExecutionFailedException IllegalStateException 0",
					"1@1 order-2 SerializationException EOFException 0",
					"2@0 order-3 ListenerExecutionFailedException IllegalStateException 3");
		assertThat(run.out()).endsWith("4 dead letters listed (4 scanned)\n");
	}

	@Test
	void showPrintsHeadersAndTheValueOfTheSelectedRecord() {
		Run run = dlt("show", "--partition", "1", "--exception", "EOFException");

		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).startsWith(dlt + "-1@1\n")
			.contains("    kafka_dlt-original-offset: 17\n", "      Caused by: java.lang.IllegalStateException",
					"  value: (empty)\n")
			.endsWith("1 dead letter shown (2 scanned)\n");
	}

	@Test
	void replayDryRunPublishesNothing() throws Exception {
		String target = newTopic("orders");

		Run run = dlt("replay", "--all", "--target", target);

		assertThat(run.out()).contains("would replay " + dlt + "-1@0 (key order-1) -> " + target + ", replay-count 1\n")
			.contains("scanned 4, selected 4, would replay 3, refused 1\n")
			.endsWith("dry run: nothing was published; add --execute to replay\n");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(endOffsets(target)).containsOnly(0L);
	}

	@Test
	void replayExecutePublishesExactlyTheSelectedRecord() throws Exception {
		String target = newTopic("orders");

		Run run = dlt("replay", "--partition", "1", "--offset", "0", "--execute", "--target", target);

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).contains("scanned 1, selected 1, replayed 1, refused 0\n");
		assertThat(endOffsets(target).stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
		ConsumerRecord<byte[], byte[]> replayed = readOne(target);
		assertThat(replayed.key()).isEqualTo(utf8("order-1"));
		assertThat(replayed.value()).isEqualTo(GARBAGE);
		assertThat(Arrays.stream(replayed.headers().toArray()).map(Header::key)).containsExactly("traceparent",
				"tenant", DeadLetterHeaders.REPLAYED_FROM, DeadLetterHeaders.REPLAY_COUNT);
		assertThat(replayed.headers().lastHeader(DeadLetterHeaders.REPLAYED_FROM).value())
			.isEqualTo(utf8(dlt + "-1@0"));
		assertThat(replayed.headers().lastHeader(DeadLetterHeaders.REPLAY_COUNT).value()).isEqualTo(utf8("1"));
	}

	@Test
	void replayRefusesRecordsReplayedTooOften() throws Exception {
		String target = newTopic("orders");

		Run run = dlt("replay", "--partition", "2", "--execute", "--target", target);

		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.out()).endsWith("scanned 1, selected 1, replayed 0, refused 1\n" + "  refused " + dlt
				+ "-2@0: replayed 3 times already (--max-replays 3)\n");
		assertThat(endOffsets(target)).containsOnly(0L);
	}

	@Test
	void replayToAMissingTopicPublishesNothing() {
		Run run = dlt("replay", "--all", "--execute", "--target", "no-such-topic-" + UUID.randomUUID());

		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).contains("there is no target topic 'no-such-topic-").contains("nothing was published");
		assertThat(run.out()).isEmpty();
	}

	@Test
	void aMissingDeadLetterTopicIsReported() {
		Run run = run("list", "--topic", "no-such-dlt-" + UUID.randomUUID());

		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).contains("there is no topic 'no-such-dlt-");
	}

	@Test
	void longScansReportProgress() throws Exception {
		String big = newTopic("orders-dlt");
		List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
		for (int i = 0; i < 2500; i++) {
			records.add(deadLetter().at(i % 3, 0).key("order-" + i).toProducerRecord(big));
		}
		produce(records);

		Run run = run("list", "--topic", big, "--partition", "1", "--exception", "NoSuchException");

		assertThat(run.out()).isEqualTo("0 dead letters listed (833 scanned)\n");
		run = run("list", "--topic", big, "--exception", "NoSuchException");
		assertThat(run.out()).isEqualTo("scanned 1000/2500\nscanned 2000/2500\n0 dead letters listed (2500 scanned)\n");
	}

	private static Run dlt(String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of("--topic", dlt));
		return run(all.toArray(String[]::new));
	}

	private static Run run(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of("--bootstrap-servers", bootstrapServers));
		int exitCode = CommandLines.create(new DeadLetterTool(Map.of()))
			.setOut(new PrintWriter(out, true))
			.setErr(new PrintWriter(err, true))
			.execute(all.toArray(String[]::new));
		return new Run(exitCode, out.toString(), err.toString());
	}

	private static String newTopic(String prefix) throws Exception {
		String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
		admin.createTopics(List.of(new NewTopic(name, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
		return name;
	}

	private static void produce(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
				new ByteArraySerializer(), new ByteArraySerializer())) {
			List<Future<RecordMetadata>> sent = new ArrayList<>();
			for (ProducerRecord<byte[], byte[]> record : records) {
				sent.add(producer.send(record));
			}
			for (Future<RecordMetadata> future : sent) {
				future.get(30, TimeUnit.SECONDS);
			}
		}
	}

	private static List<Long> endOffsets(String topic) throws Exception {
		try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
			return List.copyOf(consumer.endOffsets(partitions(topic), Duration.ofSeconds(15)).values());
		}
	}

	private static ConsumerRecord<byte[], byte[]> readOne(String topic) {
		try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
			consumer.assign(partitions(topic));
			consumer.seekToBeginning(partitions(topic));
			List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				return !records.isEmpty();
			});
			return records.get(0);
		}
	}

	private static List<TopicPartition> partitions(String topic) {
		return List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1), new TopicPartition(topic, 2));
	}

	private static KafkaConsumer<byte[], byte[]> consumer() {
		return new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
				new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

	/** What one {@code dlt} command printed and returned. */
	private record Run(int exitCode, String out, String err) {
	}

}

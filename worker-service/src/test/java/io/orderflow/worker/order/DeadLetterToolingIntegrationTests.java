package io.orderflow.worker.order;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.common.messaging.DeadLetterHeaders;
import io.orderflow.testsupport.TestInfrastructure;
import io.orderflow.infrastructure.TopicRecords;
import io.orderflow.dlt.DeadLetterTool;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What operators do with dead letters: inspect them with a third-party Kafka client
 * (kcat), and replay them with {@code ./orderflow dlt replay} once the fault is fixed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.config.name=orderflow-worker", "orderflow.worker.instance-id=tooling-test-worker" })
class DeadLetterToolingIntegrationTests extends WorkerIntegrationTestSupport {

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.shared()
			.isolatedSpringProperties()
			.forEach((name, value) -> registry.add(name, () -> value));
	}

	@BeforeEach
	void setUp() {
		this.fixtures.stock("A", 100);
	}

	@Test
	void kcatListsDeadLettersWithTheirExceptionHeader() throws Exception {
		Assumptions.assumeTrue(kcatInstalled() || System.getenv("CI") != null,
				"kcat is not installed (Debian package kafkacat); CI installs it");
		UUID missing = UUID.randomUUID();
		this.fixtures.send(missing);
		awaitDeadLetter(missing);

		// The README's command: read from the beginning, exit at the end, commit nothing.
		Process kcat = new ProcessBuilder("kcat", "-b", bootstrapServers(), "-C", "-t", this.topics.ordersDeadLetter(),
				"-o", "beginning", "-e", "-q", "-f", "%p %o %k %h\\n")
			.redirectErrorStream(true)
			.start();
		String output = new String(kcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

		assertThat(kcat.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(kcat.exitValue()).as(output).isZero();
		assertThat(output).contains(missing.toString())
			.contains("kafka_dlt-exception-fqcn=" + OrderNotFoundException.class.getName())
			.contains(DeadLetterHeaders.WORKER + "=tooling-test-worker");
	}

	@Test
	void deadLetterReplayedAfterTheFixCompletesAndAReplayOfACompletedOrderChangesNothing() {
		UUID late = UUID.randomUUID();
		this.fixtures.send(late);
		ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter(late);
		String[] select = { "--partition", Integer.toString(deadLetter.partition()), "--offset",
				Long.toString(deadLetter.offset()) };

		Result dryRun = dlt("replay", select);
		assertThat(dryRun.exitCode()).as(dryRun.output()).isZero();
		assertThat(dryRun.output()).contains("dry run");
		assertThat(recordsFor(late)).as("records of the order on the orders topic after a dry run").hasSize(1);

		// The fix: the order the record names now exists.
		this.fixtures.order(late, this.fixtures.line("A", 3, "1.00"));
		Result replay = dlt("replay", append(select, "--execute"));
		assertThat(replay.exitCode()).as(replay.output()).isZero();
		this.fixtures.awaitStatus(late, "COMPLETED");
		assertThat(this.fixtures.available("A")).isEqualTo(97);
		List<ConsumerRecord<String, byte[]>> replayed = recordsFor(late);
		assertThat(replayed).hasSize(2);
		assertThat(OrderFixtures.header(replayed.get(1), DeadLetterHeaders.REPLAY_COUNT)).isEqualTo("1");
		assertThat(OrderFixtures.header(replayed.get(1), DeadLetterHeaders.REPLAYED_FROM))
			.isEqualTo(this.topics.ordersDeadLetter() + "-" + deadLetter.partition() + "@" + deadLetter.offset());
		assertThat(replayed.get(1).headers().lastHeader("kafka_dlt-exception-fqcn")).isNull();

		double duplicatesBefore = duplicates();
		Result again = dlt("replay", append(select, "--execute"));
		assertThat(again.exitCode()).as(again.output()).isZero();
		await().atMost(OrderFixtures.TIMEOUT).until(() -> duplicates() > duplicatesBefore);
		assertThat(this.fixtures.available("A")).isEqualTo(97);
		assertThat(this.fixtures.events(late)).containsExactly("CREATED", "PROCESSING", "COMPLETED");
	}

	@Test
	void recordThatKeepsFailingIsRefusedAfterTheReplayLimit() {
		UUID neverCreated = UUID.randomUUID();
		this.fixtures.send(neverCreated);
		ConsumerRecord<String, byte[]> first = awaitDeadLetter(neverCreated);

		Result replay = dlt("replay", "--partition", Integer.toString(first.partition()), "--offset",
				Long.toString(first.offset()), "--execute", "--max-replays", "1");
		assertThat(replay.exitCode()).as(replay.output()).isZero();
		ConsumerRecord<String, byte[]> second = await().atMost(OrderFixtures.TIMEOUT)
			.until(() -> this.fixtures.deadLetters(neverCreated.toString()), (records) -> records.size() == 2)
			.get(1);
		assertThat(OrderFixtures.header(second, DeadLetterHeaders.REPLAY_COUNT)).isEqualTo("1");

		Result refused = dlt("replay", "--partition", Integer.toString(second.partition()), "--offset",
				Long.toString(second.offset()), "--execute", "--max-replays", "1");
		assertThat(refused.exitCode()).isEqualTo(1);
		assertThat(refused.output()).contains("refused").contains("replayed 1 time already");
		assertThat(recordsFor(neverCreated)).hasSize(2);
	}

	private ConsumerRecord<String, byte[]> awaitDeadLetter(UUID id) {
		return await().atMost(OrderFixtures.TIMEOUT)
			.until(() -> this.fixtures.deadLetters(id.toString()), (records) -> !records.isEmpty())
			.get(0);
	}

	private Result dlt(String command, String... args) {
		List<String> all = new ArrayList<>(List.of(command));
		all.addAll(List.of(args));
		all.addAll(List.of("--bootstrap-servers", bootstrapServers(), "--topic", this.topics.ordersDeadLetter(),
				"--target", this.topics.orders()));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
		int exitCode = DeadLetterTool.run(all, print, print);
		return new Result(exitCode, out.toString(StandardCharsets.UTF_8));
	}

	/**
	 * Records on the orders topic with this order's key, read without a consumer group.
	 */
	private List<ConsumerRecord<String, byte[]>> recordsFor(UUID id) {
		return TopicRecords.readAll(bootstrapServers(), this.topics.orders())
			.stream()
			.filter((record) -> id.toString().equals(record.key()))
			.toList();
	}

	private double duplicates() {
		Counter counter = this.meters.find("orderflow.orders.processed").tag("outcome", "duplicate").counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static String[] append(String[] args, String arg) {
		String[] all = java.util.Arrays.copyOf(args, args.length + 1);
		all[args.length] = arg;
		return all;
	}

	private static boolean kcatInstalled() {
		try {
			return new ProcessBuilder("kcat", "-V").start().waitFor(10, TimeUnit.SECONDS);
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private record Result(int exitCode, String output) {

	}

}

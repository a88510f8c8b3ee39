package io.orderflow.dlt;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import static io.orderflow.dlt.DeadLetterFixture.deadLetter;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReplayCommand}.
 */
class ReplayCommandTests {

	private final ReplayPlan plan = new ReplayPlan("orders", 3);

	private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
			new ByteArraySerializer());

	private final StringWriter output = new StringWriter();

	private final PrintWriter out = new PrintWriter(this.output, true);

	@Test
	void dryRunPublishesNothingAndSaysSo() {
		ReplayCommand dryRun = ReplayCommand.dryRun(this.plan, this.out);

		dryRun.accept(deadLetter().at(2, 17).build());

		assertThat(dryRun.finish(5)).isZero();
		assertThat(output()).isEqualTo("""
				would replay orders-dlt-2@17 (key order-1) -> orders, replay-count 1
				scanned 5, selected 1, would replay 1, refused 0
				dry run: nothing was published; add --execute to replay
				""");
	}

	@Test
	void executePublishesEachRecordAndReportsWhereItWent() {
		ReplayCommand execute = ReplayCommand.execute(this.plan, new ReplayPublisher(this.producer), this.out);

		execute.accept(deadLetter().at(2, 17).build());
		execute.accept(deadLetter().at(2, 18).key("order-2").replayCount("2").build());

		assertThat(execute.finish(5)).isZero();
		assertThat(this.producer.history()).extracting((record) -> new String(record.key(), StandardCharsets.UTF_8))
			.containsExactly("order-1", "order-2");
		assertThat(output()).isEqualTo("""
				replayed orders-dlt-2@17 (key order-1) -> orders-0@0, replay-count 1
				replayed orders-dlt-2@18 (key order-2) -> orders-0@1, replay-count 3
				scanned 5, selected 2, replayed 2, refused 0
				""");
	}

	@Test
	void replayRefusesRecordsReplayedTooOftenAndFailsTheRun() {
		ReplayCommand execute = ReplayCommand.execute(this.plan, new ReplayPublisher(this.producer), this.out);

		execute.accept(deadLetter().at(2, 17).replayCount("3").build());
		execute.accept(deadLetter().at(2, 18).build());

		assertThat(execute.finish(2)).isEqualTo(1);
		assertThat(this.producer.history()).hasSize(1);
		assertThat(output()).endsWith("""
				scanned 2, selected 2, replayed 1, refused 1
				  refused orders-dlt-2@17: replayed 3 times already (--max-replays 3)
				""");
	}

	@Test
	void dryRunReportsRefusalsToo() {
		ReplayCommand dryRun = ReplayCommand.dryRun(this.plan, this.out);

		dryRun.accept(deadLetter().at(0, 1).replayCount("7").build());

		assertThat(dryRun.finish(1)).isEqualTo(1);
		assertThat(output()).isEqualTo("""
				scanned 1, selected 1, would replay 0, refused 1
				  refused orders-dlt-0@1: replayed 7 times already (--max-replays 3)
				dry run: nothing was published; add --execute to replay
				""");
	}

	@Test
	void aFailedSendStopsTheReplay() {
		ReplayCommand execute = ReplayCommand.execute(this.plan, new ReplayPublisher(this.producer), this.out);
		this.producer.sendException = new KafkaException("broker gone");

		execute.accept(deadLetter().at(0, 0).build());
		this.producer.sendException = null;
		execute.accept(deadLetter().at(0, 1).build());
		execute.accept(deadLetter().at(0, 2).build());

		assertThat(execute.finish(3)).isEqualTo(1);
		assertThat(this.producer.history()).isEmpty();
		assertThat(output()).isEqualTo("""
				scanned 3, selected 3, replayed 0, refused 0, failed 1, not attempted 2
				  failed orders-dlt-0@0: broker gone
				  stopped publishing after the failure; the records not attempted are still in the dead-letter topic
				""");
	}

	private String output() {
		return this.output.toString();
	}

}

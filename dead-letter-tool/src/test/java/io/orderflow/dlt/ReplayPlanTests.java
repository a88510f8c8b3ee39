package io.orderflow.dlt;

import java.util.Arrays;
import java.util.List;

import io.orderflow.common.messaging.DeadLetterHeaders;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import static io.orderflow.dlt.DeadLetterFixture.deadLetter;
import static io.orderflow.dlt.DeadLetterFixture.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ReplayPlan}.
 */
class ReplayPlanTests {

	private final ReplayPlan plan = new ReplayPlan("orders", 3);

	@Test
	void replayRemovesTheDeadLetterHeadersAndKeepsTheOthers() {
		ProducerRecord<byte[], byte[]> replay = publish(deadLetter().header("tenant", "acme").build());

		assertThat(names(replay)).containsExactly("traceparent", "tenant", DeadLetterHeaders.REPLAYED_FROM,
				DeadLetterHeaders.REPLAY_COUNT);
		assertThat(replay.headers().lastHeader("traceparent").value())
			.isEqualTo(utf8("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
		assertThat(replay.headers().lastHeader("tenant").value()).isEqualTo(utf8("acme"));
	}

	@Test
	void replayKeepsKeyAndValueBytesUnchanged() {
		byte[] garbage = { (byte) 0xff, 0x00, 0x7b, (byte) 0xc3 };

		ProducerRecord<byte[], byte[]> replay = publish(deadLetter().key("order-7").value(garbage).build());

		assertThat(replay.key()).isEqualTo(utf8("order-7"));
		assertThat(replay.value()).isEqualTo(garbage);
		assertThat(publish(deadLetter().value(new byte[0]).build()).value()).isEmpty();
	}

	@Test
	void replayGoesToTheTargetWithoutFixingPartitionOrTimestamp() {
		ProducerRecord<byte[], byte[]> replay = publish(deadLetter().at(4, 17).build());

		assertThat(replay.topic()).isEqualTo("orders");
		assertThat(replay.partition()).isNull();
		assertThat(replay.timestamp()).isNull();
	}

	@Test
	void replayRecordsWhereTheRecordCameFromAndCountsTheFirstReplay() {
		ReplayDecision.Publish publish = (ReplayDecision.Publish) this.plan
			.decide(deadLetter().topic("orders-dlt").at(2, 17).build());

		assertThat(publish.record().headers().lastHeader(DeadLetterHeaders.REPLAYED_FROM).value())
			.isEqualTo(utf8("orders-dlt-2@17"));
		assertThat(publish.record().headers().lastHeader(DeadLetterHeaders.REPLAY_COUNT).value()).isEqualTo(utf8("1"));
		assertThat(publish.replayCount()).isEqualTo(1);
	}

	@Test
	void replayIncrementsAnExistingReplayCountAndReplacesTheOldProvenance() {
		ProducerRecord<byte[], byte[]> replay = publish(deadLetter().at(1, 5)
			.header(DeadLetterHeaders.REPLAYED_FROM, "orders-dlt-0@3")
			.replayCount("2")
			.build());

		assertThat(replay.headers().headers(DeadLetterHeaders.REPLAY_COUNT)).extracting(Header::value)
			.containsExactly(utf8("3"));
		assertThat(replay.headers().headers(DeadLetterHeaders.REPLAYED_FROM)).extracting(Header::value)
			.containsExactly(utf8("orders-dlt-1@5"));
	}

	@Test
	void replayRefusesRecordsReplayedTooOften() {
		ReplayDecision decision = this.plan.decide(deadLetter().topic("orders-dlt").at(2, 17).replayCount("3").build());

		assertThat(decision).isInstanceOf(ReplayDecision.Refuse.class);
		assertThat(((ReplayDecision.Refuse) decision).describe())
			.isEqualTo("refused orders-dlt-2@17: replayed 3 times already (--max-replays 3)");
		assertThat(this.plan.decide(deadLetter().replayCount("4").build())).isInstanceOf(ReplayDecision.Refuse.class);
	}

	@Test
	void replayRespectsTheMaximumGiven() {
		ReplayPlan once = new ReplayPlan("orders", 1);

		assertThat(once.decide(deadLetter().build())).isInstanceOf(ReplayDecision.Publish.class);
		assertThat(once.decide(deadLetter().replayCount("1").build())).isInstanceOfSatisfying(
				ReplayDecision.Refuse.class,
				(refusal) -> assertThat(refusal.reason()).isEqualTo("replayed 1 time already (--max-replays 1)"));
	}

	@Test
	void replayRefusesAReplayCountThatIsNoCount() {
		for (String count : List.of("two", "-1", "")) {
			assertThat(this.plan.decide(deadLetter().replayCount(count).build()))
				.isInstanceOfSatisfying(ReplayDecision.Refuse.class, (refusal) -> assertThat(refusal.reason())
					.isEqualTo("its replay-count header '" + count + "' is not a replay count"));
		}
	}

	@Test
	void maxReplaysBelowOneIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ReplayPlan("orders", 0))
			.withMessage("--max-replays must be at least 1, got 0");
	}

	private ProducerRecord<byte[], byte[]> publish(DeadLetterRecord record) {
		ReplayDecision decision = this.plan.decide(record);
		assertThat(decision).isInstanceOf(ReplayDecision.Publish.class);
		return ((ReplayDecision.Publish) decision).record();
	}

	private static List<String> names(ProducerRecord<byte[], byte[]> record) {
		return Arrays.stream(record.headers().toArray()).map(Header::key).toList();
	}

}

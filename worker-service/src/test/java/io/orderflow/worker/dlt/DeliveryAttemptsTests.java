package io.orderflow.worker.dlt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DeliveryAttempts}.
 */
class DeliveryAttemptsTests {

	private static final RuntimeException FAILURE = new IllegalStateException("database down");

	private final DeliveryAttempts attempts = new DeliveryAttempts();

	@Test
	void recordNeverSeenCountsOneAttempt() {
		assertThat(this.attempts.of(record(0, 7))).isEqualTo(1);
	}

	@Test
	void everyRecordOfAFailedBatchCountsItsAttempts() {
		List<ConsumerRecord<String, String>> batch = List.of(record(0, 1), record(0, 2), record(1, 1));

		this.attempts.failedDelivery(records(batch), FAILURE, 3);

		assertThat(batch).allSatisfy((record) -> assertThat(this.attempts.of(record)).isEqualTo(3));
		assertThat(this.attempts.of(record(0, 3))).isEqualTo(1);
		assertThat(this.attempts.of(new ConsumerRecord<>("other", 0, 1, "key", "value"))).isEqualTo(1);
	}

	@Test
	void laterAttemptReplacesTheEarlierCount() {
		ConsumerRecords<String, String> batch = records(List.of(record(0, 1)));

		this.attempts.failedDelivery(batch, FAILURE, 2);
		this.attempts.failedDelivery(batch, FAILURE, 3);

		assertThat(this.attempts.of(record(0, 1))).isEqualTo(3);
	}

	@Test
	void singleFailedRecordCountsItsAttempts() {
		this.attempts.failedDelivery(record(0, 5), FAILURE, 2);

		assertThat(this.attempts.of(record(0, 5))).isEqualTo(2);
	}

	@Test
	void recoveredBatchIsForgotten() {
		ConsumerRecords<String, String> recovered = records(List.of(record(0, 1), record(0, 2)));
		ConsumerRecords<String, String> stillFailing = records(List.of(record(1, 1)));
		this.attempts.failedDelivery(recovered, FAILURE, 3);
		this.attempts.failedDelivery(stillFailing, FAILURE, 2);

		this.attempts.recovered(recovered, FAILURE);

		assertThat(this.attempts.of(record(0, 1))).isEqualTo(1);
		assertThat(this.attempts.of(record(0, 2))).isEqualTo(1);
		assertThat(this.attempts.of(record(1, 1))).isEqualTo(2);
	}

	@Test
	void oldestRecordIsForgottenBeyondTenThousand() {
		List<ConsumerRecord<String, String>> batch = LongStream.rangeClosed(0, 10_000)
			.mapToObj((offset) -> record(0, offset))
			.toList();

		this.attempts.failedDelivery(records(batch), FAILURE, 3);

		assertThat(this.attempts.of(record(0, 0))).isEqualTo(1);
		assertThat(this.attempts.of(record(0, 1))).isEqualTo(3);
		assertThat(this.attempts.of(record(0, 10_000))).isEqualTo(3);
	}

	private static ConsumerRecord<String, String> record(int partition, long offset) {
		return new ConsumerRecord<>("orders", partition, offset, "key-" + offset, "value-" + offset);
	}

	private static ConsumerRecords<String, String> records(List<ConsumerRecord<String, String>> records) {
		Map<TopicPartition, List<ConsumerRecord<String, String>>> byPartition = new LinkedHashMap<>();
		for (ConsumerRecord<String, String> record : records) {
			byPartition
				.computeIfAbsent(new TopicPartition(record.topic(), record.partition()),
						(partition) -> new ArrayList<>())
				.add(record);
		}
		return new ConsumerRecords<>(byPartition, Map.of());
	}

}

package io.orderflow.dlt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a dead-letter topic without a consumer group: nothing is committed, so reading
 * never changes what the workers or another operator see. A scan reads each partition
 * from its beginning up to the end offset taken when the scan starts, so records that
 * arrive meanwhile cannot keep it running.
 */
final class DeadLetterTopic implements AutoCloseable {

	/** Bound of every blocking Kafka call, and of a scan that stops making progress. */
	static final Duration API_TIMEOUT = Duration.ofSeconds(15);

	static final int PROGRESS_INTERVAL = 1000;

	private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

	private final Consumer<byte[], byte[]> consumer;

	private final String topic;

	DeadLetterTopic(Consumer<byte[], byte[]> consumer, String topic) {
		this.consumer = consumer;
		this.topic = topic;
	}

	static DeadLetterTopic open(String bootstrapServers, String topic) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.CLIENT_ID_CONFIG, "orderflow-dlt-tool", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
				// A dead letter of an aborted transaction was never really dead-lettered.
				ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				(int) API_TIMEOUT.toMillis(), ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
		return new DeadLetterTopic(
				new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer()), topic);
	}

	/**
	 * Whether the broker knows {@code name}; checks a replay target before anything is
	 * published.
	 */
	boolean hasTopic(String name) {
		return !this.consumer.partitionsFor(name, API_TIMEOUT).isEmpty();
	}

	/**
	 * Reads the records {@code selection} can match, partition by partition in offset
	 * order, and hands those it matches to {@code selected}. Reports to {@code progress}
	 * every {@value #PROGRESS_INTERVAL} records.
	 * @return how many records were read
	 */
	long scan(DltSelection selection, Progress progress, java.util.function.Consumer<DeadLetterRecord> selected) {
		List<Range> ranges = ranges(selection);
		long total = ranges.stream().mapToLong(Range::size).sum();
		long scanned = 0;
		for (Range range : ranges) {
			this.consumer.assign(List.of(range.partition()));
			this.consumer.seek(range.partition(), range.from());
			long lastProgress = System.nanoTime();
			// The position, not the last offset seen, tells when a partition is done:
			// offsets have
			// gaps (compaction, transaction markers).
			while (this.consumer.position(range.partition(), API_TIMEOUT) < range.to()) {
				List<ConsumerRecord<byte[], byte[]>> records = this.consumer.poll(POLL_TIMEOUT)
					.records(range.partition());
				if (records.isEmpty()) {
					if (System.nanoTime() - lastProgress > API_TIMEOUT.toNanos()) {
						throw new DltException(
								"no records from " + range.partition() + " for " + API_TIMEOUT.toSeconds()
										+ " s although its end offset is " + range.to() + "; is the broker still up?");
					}
					continue;
				}
				lastProgress = System.nanoTime();
				for (ConsumerRecord<byte[], byte[]> record : records) {
					if (record.offset() >= range.to()) {
						break;
					}
					scanned++;
					if (scanned % PROGRESS_INTERVAL == 0) {
						progress.scanned(scanned, total);
					}
					DeadLetterRecord deadLetter = new DeadLetterRecord(record);
					if (selection.matches(deadLetter)) {
						selected.accept(deadLetter);
					}
				}
			}
		}
		this.consumer.assign(List.of());
		return scanned;
	}

	@Override
	public void close() {
		this.consumer.close(CloseOptions.timeout(API_TIMEOUT));
	}

	/**
	 * The offsets to read per partition, narrowed to the partition and offset the
	 * selection names.
	 */
	private List<Range> ranges(DltSelection selection) {
		List<PartitionInfo> infos = this.consumer.partitionsFor(this.topic, API_TIMEOUT);
		if (infos.isEmpty()) {
			throw new DltException("there is no topic '" + this.topic + "'");
		}
		List<TopicPartition> partitions = infos.stream()
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.filter((partition) -> selection.partition() == null || partition.partition() == selection.partition())
			.sorted(Comparator.comparingInt(TopicPartition::partition))
			.toList();
		if (partitions.isEmpty()) {
			throw new DltException("topic '" + this.topic + "' has no partition " + selection.partition() + " (it has "
					+ infos.size() + ": 0 to " + (infos.size() - 1) + ")");
		}
		Map<TopicPartition, Long> beginnings = this.consumer.beginningOffsets(partitions, API_TIMEOUT);
		Map<TopicPartition, Long> ends = this.consumer.endOffsets(partitions, API_TIMEOUT);
		List<Range> ranges = new ArrayList<>();
		for (TopicPartition partition : partitions) {
			long from = beginnings.get(partition);
			long to = ends.get(partition);
			if (selection.offset() != null) {
				from = Math.max(from, selection.offset());
				to = Math.min(to, selection.offset() + 1);
			}
			if (from < to) {
				ranges.add(new Range(partition, from, to));
			}
		}
		return ranges;
	}

	/** Receives how far a scan has come. */
	@FunctionalInterface
	interface Progress {

		void scanned(long scanned, long total);

	}

	/** Offsets {@code from} (inclusive) to {@code to} (exclusive) of one partition. */
	private record Range(TopicPartition partition, long from, long to) {

		long size() {
			return this.to - this.from;
		}

	}

}

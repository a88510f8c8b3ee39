package io.orderflow.worker.lag;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a consumer group stands on a topic, partition by partition: the next offset it
 * will consume (its committed offset, or the log start when it has none or the log was
 * truncated past it) and the partition's end.
 */
public final class GroupPositions {

	private GroupPositions() {
	}

	/** Positions by partition number. */
	public static Map<Integer, Position> read(Admin admin, String group, String topic, Duration timeout)
			throws ExecutionException, TimeoutException, InterruptedException {
		long millis = timeout.toMillis();
		Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
			.partitionsToOffsetAndMetadata()
			.get(millis, TimeUnit.MILLISECONDS);
		List<TopicPartition> partitions = admin.describeTopics(List.of(topic))
			.allTopicNames()
			.get(millis, TimeUnit.MILLISECONDS)
			.get(topic)
			.partitions()
			.stream()
			.map((info) -> new TopicPartition(topic, info.partition()))
			.toList();
		Map<TopicPartition, Long> ends = offsets(admin, partitions, OffsetSpec.latest(), millis);
		Map<TopicPartition, Long> starts = offsets(admin, partitions, OffsetSpec.earliest(), millis);
		Map<Integer, Position> positions = new TreeMap<>();
		for (TopicPartition partition : partitions) {
			OffsetAndMetadata position = committed.get(partition);
			long start = starts.get(partition);
			long next = (position != null) ? Math.max(position.offset(), start) : start;
			positions.put(partition.partition(), new Position(next, ends.get(partition)));
		}
		return positions;
	}

	private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec,
			long millis) throws InterruptedException, ExecutionException, TimeoutException {
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		partitions.forEach((partition) -> request.put(partition, spec));
		Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin.listOffsets(request)
			.all()
			.get(millis, TimeUnit.MILLISECONDS);
		Map<TopicPartition, Long> offsets = new HashMap<>();
		result.forEach((partition, info) -> offsets.put(partition, info.offset()));
		return offsets;
	}

	/**
	 * One partition's position.
	 *
	 * @param next the next offset the group will consume
	 * @param end the partition's end offset
	 */
	public record Position(long next, long end) {

		/** Records written but not yet consumed by the group. */
		public long lag() {
			return Math.max(0, this.end - this.next);
		}

	}

}

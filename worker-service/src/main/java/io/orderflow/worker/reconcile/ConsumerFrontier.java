package io.orderflow.worker.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.orderflow.common.messaging.TopicsProperties;
import io.orderflow.worker.lag.GroupAdmin;
import io.orderflow.worker.lag.GroupPositions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * How far the workers' consumer group has got through the orders topic: the timestamp of
 * the oldest record it has not consumed yet, over all partitions. An order last changed
 * before that instant has had its record consumed (or never had one); an order changed
 * after it may simply be waiting in the backlog, and re-driving it would only add to the
 * backlog.
 */
@Component
class ConsumerFrontier {

	private static final long TIMEOUT_SECONDS = 10;

	private final KafkaAdmin kafkaAdmin;

	private final GroupAdmin admin;

	private final TopicsProperties topics;

	private final String group;

	ConsumerFrontier(KafkaAdmin kafkaAdmin, GroupAdmin admin, TopicsProperties topics,
			@Value("${spring.kafka.consumer.group-id}") String group) {
		this.kafkaAdmin = kafkaAdmin;
		this.admin = admin;
		this.topics = topics;
		this.group = group;
	}

	/**
	 * The oldest unconsumed record's timestamp; empty when the group has consumed
	 * everything.
	 */
	Optional<Instant> oldestUnconsumed() {
		try {
			Map<TopicPartition, Long> behind = new HashMap<>();
			GroupPositions
				.read(this.admin.admin(), this.group, this.topics.orders(), Duration.ofSeconds(TIMEOUT_SECONDS))
				.forEach((partition, position) -> {
					if (position.lag() > 0) {
						behind.put(new TopicPartition(this.topics.orders(), partition), position.next());
					}
				});
			return behind.isEmpty() ? Optional.empty() : Optional.of(oldestTimestamp(behind));
		}
		catch (ExecutionException | TimeoutException | KafkaException ex) {
			throw new RedriveException("Cannot tell how far the consumer group has got", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedriveException("Interrupted while reading the consumer group's offsets", ex);
		}
	}

	/**
	 * Reads the next unconsumed record of each lagging partition, without a group, for
	 * its timestamp.
	 */
	private Instant oldestTimestamp(Map<TopicPartition, Long> behind) {
		Map<String, Object> config = new HashMap<>(this.kafkaAdmin.getConfigurationProperties());
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.assign(behind.keySet());
			behind.forEach(consumer::seek);
			Map<TopicPartition, Instant> found = new HashMap<>();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
			while (found.size() < behind.size() && System.nanoTime() < deadline) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					found.putIfAbsent(new TopicPartition(record.topic(), record.partition()),
							Instant.ofEpochMilli(record.timestamp()));
				}
			}
			if (found.size() < behind.size()) {
				throw new RedriveException("Cannot read the oldest unconsumed record of " + behind.keySet(), null);
			}
			return found.values().stream().min(Instant::compareTo).orElseThrow();
		}
	}

}

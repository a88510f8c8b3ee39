package io.orderflow.benchmarks.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka's own throughput on the stack's broker: one producer with the api's settings
 * sends records shaped like the relay's (the order id as key, {@code {"orderId": ...}} as
 * value) to a topic of 6 partitions as fast as it can, then one consumer reads them all.
 */
final class KafkaThroughput {

	static final int PARTITIONS = 6;

	private final String bootstrapServers;

	KafkaThroughput(String bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * Records per second produced and consumed.
	 *
	 * @param produced acknowledged records per second, sent until every record was
	 * acknowledged or failed
	 * @param consumed the acknowledged records read from the beginning by one consumer,
	 * per second
	 * @param failed records the broker did not acknowledge
	 * @param firstFailure why the first of them failed; null when none did
	 */
	record Result(double produced, double consumed, long failed, String firstFailure) {

	}

	Result measure(String topic, int records) {
		createTopic(topic);
		AtomicLong acknowledged = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		AtomicReference<Exception> failure = new AtomicReference<>();
		double seconds;
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers, ProducerConfig.ACKS_CONFIG,
						"all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 2,
						// A stuck batch fails the anchor in a minute, not in two.
						ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000),
				new StringSerializer(), new ByteArraySerializer())) {
			// One record per partition first, acknowledged, so the figure is the sending
			// alone. Without it the first batch of a new partition was sometimes retried
			// after later ones had been written, and the broker refused it for ever as
			// out
			// of sequence (OutOfOrderSequenceException in the broker's log).
			warmUp(producer, topic);
			long start = System.nanoTime();
			for (int i = 0; i < records; i++) {
				String id = UUID.randomUUID().toString();
				producer.send(
						new ProducerRecord<>(topic, id,
								("{\"orderId\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8)),
						(metadata, exception) -> {
							if (exception != null) {
								failed.incrementAndGet();
								failure.compareAndSet(null, exception);
							}
							else {
								acknowledged.incrementAndGet();
							}
						});
			}
			producer.flush();
			seconds = (System.nanoTime() - start) / 1e9;
		}
		// Counted after close, which waits for every callback.
		if (acknowledged.get() == 0) {
			throw new IllegalStateException(
					"The Kafka producer anchor had none of " + records + " records acknowledged: " + failure.get(),
					failure.get());
		}
		return new Result(acknowledged.get() / seconds, consume(topic, acknowledged.get()), failed.get(),
				(failure.get() != null) ? failure.get().toString() : null);
	}

	private static void warmUp(KafkaProducer<String, byte[]> producer, String topic) {
		try {
			for (int partition = 0; partition < PARTITIONS; partition++) {
				producer.send(new ProducerRecord<>(topic, partition, "warm-up", new byte[0])).get(60, TimeUnit.SECONDS);
			}
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Cannot send the first record to each partition of " + topic, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while warming up " + topic, ex);
		}
	}

	private double consume(String topic, long records) {
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
						"earliest"),
				new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic)
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			long read = 0;
			long start = System.nanoTime();
			long deadline = start + Duration.ofMinutes(2).toNanos();
			while (read < records) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException(
							"The Kafka consumer anchor read " + read + " of " + records + " records in 2 minutes");
				}
				read += consumer.poll(Duration.ofMillis(200)).count();
			}
			return records / ((System.nanoTime() - start) / 1e9);
		}
	}

	private void createTopic(String topic) {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", this.bootstrapServers))) {
			admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Cannot create topic " + topic, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating topic " + topic, ex);
		}
	}

}

package io.orderflow.dlt;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes replayed records and waits for the broker to acknowledge each one, so every
 * record reported as replayed is durably on the target topic.
 */
final class ReplayPublisher implements AutoCloseable {

	private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

	private final Producer<byte[], byte[]> producer;

	ReplayPublisher(Producer<byte[], byte[]> producer) {
		this.producer = producer;
	}

	static ReplayPublisher open(String bootstrapServers) {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.CLIENT_ID_CONFIG, "orderflow-dlt-replay", ProducerConfig.ACKS_CONFIG, "all",
				ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.MAX_BLOCK_MS_CONFIG,
				(int) DeadLetterTopic.API_TIMEOUT.toMillis(), ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
				ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis() - 5_000);
		return new ReplayPublisher(new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()));
	}

	/** Sends {@code record} and returns where the broker stored it. */
	RecordMetadata publish(ProducerRecord<byte[], byte[]> record) {
		try {
			return this.producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw new DltException(ex.getCause().getMessage(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new DltException("no acknowledgement within " + SEND_TIMEOUT.toSeconds() + " s", ex);
		}
		catch (KafkaException ex) {
			throw new DltException(ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DltException("interrupted while waiting for the acknowledgement", ex);
		}
	}

	@Override
	public void close() {
		this.producer.close(DeadLetterTopic.API_TIMEOUT);
	}

}

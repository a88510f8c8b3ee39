package io.orderflow.benchmarks.outbox;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a contender's topic as it is written and notes when each order id first arrives
 * (on this JVM's {@link System#nanoTime()} clock, the one commits are stamped with), how
 * many records repeat an order, and whether each value has the contract's shape: exactly
 * {@code {"orderId": "<the key>"}}.
 */
final class DeliveryProbe implements AutoCloseable {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

	private final Map<UUID, Long> arrivals = new ConcurrentHashMap<>();

	private final Map<UUID, Position> positions = new ConcurrentHashMap<>();

	private final Set<String> headerNames = ConcurrentHashMap.newKeySet();

	private final AtomicLong duplicates = new AtomicLong();

	private final AtomicLong malformed = new AtomicLong();

	private final JsonMapper json = JsonMapper.builder().build();

	private final CountDownLatch positioned = new CountDownLatch(1);

	private final KafkaConsumer<String, byte[]> consumer;

	private final String topic;

	private volatile boolean running = true;

	private volatile RuntimeException failure;

	private Thread thread;

	private DeliveryProbe(String bootstrapServers, String topic) {
		this.topic = topic;
		this.consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
				new StringDeserializer(), new ByteArrayDeserializer());
	}

	/** Starts reading at the current end of every partition of {@code topic}. */
	static DeliveryProbe start(String bootstrapServers, String topic) {
		DeliveryProbe probe = new DeliveryProbe(bootstrapServers, topic);
		probe.thread = new Thread(probe::run, "delivery-probe-" + topic);
		probe.thread.setDaemon(true);
		probe.thread.start();
		try {
			if (!probe.positioned.await(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				probe.close();
				throw new IllegalStateException(
						"Could not position a consumer on " + topic + " within " + STARTUP_TIMEOUT);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			probe.close();
			throw new IllegalStateException("Interrupted while positioning a consumer on " + topic, ex);
		}
		if (probe.failure != null) {
			throw probe.failure;
		}
		return probe;
	}

	/**
	 * When the order first arrived ({@link System#nanoTime()}), or null if it has not.
	 */
	Long arrival(UUID orderId) {
		return this.arrivals.get(orderId);
	}

	/** Where the order's first record is on the topic, or null if it has not arrived. */
	Position position(UUID orderId) {
		return this.positions.get(orderId);
	}

	/** How many of {@code orderIds} have not arrived yet. */
	int missing(Collection<UUID> orderIds) {
		return (int) orderIds.stream().filter((id) -> !this.arrivals.containsKey(id)).count();
	}

	long duplicates() {
		return this.duplicates.get();
	}

	/**
	 * Records whose key is not an order id or whose value is not exactly
	 * {@code {"orderId": key}}.
	 */
	long malformed() {
		return this.malformed.get();
	}

	/** Names of the headers seen on any record. */
	Set<String> headerNames() {
		return Set.copyOf(this.headerNames);
	}

	@Override
	public void close() {
		this.running = false;
		this.consumer.wakeup();
		Thread reader = this.thread;
		if (reader != null) {
			try {
				reader.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void run() {
		try {
			List<TopicPartition> partitions = this.consumer.partitionsFor(this.topic, STARTUP_TIMEOUT)
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			this.consumer.assign(partitions);
			this.consumer.seekToEnd(partitions);
			// Resolves the end offsets now, so nothing written after start() is skipped.
			partitions.forEach(this.consumer::position);
			this.positioned.countDown();
			while (this.running) {
				var records = this.consumer.poll(Duration.ofMillis(100));
				long now = System.nanoTime();
				for (ConsumerRecord<String, byte[]> record : records) {
					receive(record, now);
				}
			}
		}
		catch (WakeupException ex) {
			// close() asked the consumer to stop.
		}
		catch (RuntimeException ex) {
			this.failure = ex;
		}
		finally {
			this.positioned.countDown();
			this.consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
		}
	}

	private void receive(ConsumerRecord<String, byte[]> record, long now) {
		for (Header header : record.headers()) {
			this.headerNames.add(header.key());
		}
		UUID orderId;
		try {
			orderId = UUID.fromString(record.key());
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			this.malformed.incrementAndGet();
			return;
		}
		if (!hasContractShape(record.value(), record.key())) {
			this.malformed.incrementAndGet();
		}
		if (this.arrivals.putIfAbsent(orderId, now) != null) {
			this.duplicates.incrementAndGet();
			return;
		}
		this.positions.put(orderId, new Position(record.partition(), record.offset()));
	}

	/**
	 * A record's place on the topic.
	 *
	 * @param partition the partition
	 * @param offset the offset in the partition
	 */
	record Position(int partition, long offset) {

	}

	private boolean hasContractShape(byte[] value, String key) {
		if (value == null) {
			return false;
		}
		try {
			JsonNode node = this.json.readTree(value);
			return node.isObject() && node.size() == 1 && node.path("orderId").isString()
					&& key.equals(node.get("orderId").asString());
		}
		catch (JacksonException ex) {
			return false;
		}
	}

}

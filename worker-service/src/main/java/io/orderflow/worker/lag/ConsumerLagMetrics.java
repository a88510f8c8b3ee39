package io.orderflow.worker.lag;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.common.messaging.TopicsProperties;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The consumer group's lag on the orders topic, read from the broker every
 * {@code orderflow.lag.interval}: {@code orderflow.consumer.lag{partition}} and
 * {@code orderflow.consumer.group.lag}. Every worker reports the whole group's lag, so it
 * is known even for partitions no live consumer holds; dashboards take the {@code max}
 * over instances. When the broker cannot answer, the gauges have no value (NaN) rather
 * than a stale one.
 */
@Component
class ConsumerLagMetrics {

	private static final Logger log = LoggerFactory.getLogger(ConsumerLagMetrics.class);

	private final GroupAdmin admin;

	private final String group;

	private final String topic;

	private final LagProperties properties;

	private final MeterRegistry meters;

	private final Map<Integer, AtomicReference<Double>> partitions = new ConcurrentHashMap<>();

	private final AtomicReference<Double> total = new AtomicReference<>(Double.NaN);

	private boolean failing;

	ConsumerLagMetrics(GroupAdmin admin, TopicsProperties topics,
			@Value("${spring.kafka.consumer.group-id}") String group, LagProperties properties, MeterRegistry meters) {
		this.admin = admin;
		this.group = group;
		this.topic = topics.orders();
		this.properties = properties;
		this.meters = meters;
		Gauge.builder("orderflow.consumer.group.lag", this.total, AtomicReference::get)
			.description("Records of the orders topic that the consumer group has not consumed yet")
			.tag("topic", this.topic)
			.register(meters);
	}

	@Scheduled(fixedDelayString = "${orderflow.lag.interval:15s}")
	synchronized void refresh() {
		try {
			Map<Integer, GroupPositions.Position> positions = GroupPositions.read(this.admin.admin(), this.group,
					this.topic, this.properties.timeout());
			long sum = 0;
			for (Map.Entry<Integer, GroupPositions.Position> entry : positions.entrySet()) {
				partition(entry.getKey()).set((double) entry.getValue().lag());
				sum += entry.getValue().lag();
			}
			this.total.set((double) sum);
			if (this.failing) {
				log.info("Consumer lag readable again: {} record(s) behind", sum);
			}
			this.failing = false;
		}
		catch (ExecutionException | TimeoutException | KafkaException ex) {
			unknown(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			unknown(ex);
		}
	}

	private void unknown(Exception ex) {
		this.total.set(Double.NaN);
		this.partitions.values().forEach((lag) -> lag.set(Double.NaN));
		if (!this.failing) {
			log.warn("Consumer lag cannot be read from the broker; its gauges show no value until it can: {}",
					ex.toString());
		}
		this.failing = true;
	}

	private AtomicReference<Double> partition(int partition) {
		return this.partitions.computeIfAbsent(partition, (number) -> {
			AtomicReference<Double> lag = new AtomicReference<>(Double.NaN);
			Gauge.builder("orderflow.consumer.lag", lag, AtomicReference::get)
				.description(
						"Records of one partition of the orders topic that the consumer group has not consumed yet")
				.tag("topic", this.topic)
				.tag("partition", Integer.toString(number))
				.register(this.meters);
			return lag;
		});
	}

}

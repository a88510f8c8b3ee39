package io.orderflow.common.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kafka topics of the order pipeline.
 *
 * @param orders name of the topic that carries order ids (the contract name is
 * {@code orders}; override it only to give an environment its own topic on a shared
 * cluster)
 * @param partitions partitions of the orders topic (the upper bound of worker
 * parallelism) and of its dead-letter topic, which must have at least as many
 * @param replicas replication factor of the topics the application declares
 */
@ConfigurationProperties("orderflow.topics")
public record TopicsProperties(@DefaultValue(Topics.ORDERS) String orders, @DefaultValue("6") int partitions,
		@DefaultValue("1") short replicas) {

	public TopicsProperties {
		if (partitions < 1) {
			throw new IllegalArgumentException("orderflow.topics.partitions must be at least 1, got " + partitions);
		}
		if (replicas < 1) {
			throw new IllegalArgumentException("orderflow.topics.replicas must be at least 1, got " + replicas);
		}
	}

	/** The dead-letter topic of the orders topic: {@code orders-dlt} by default. */
	public String ordersDeadLetter() {
		return this.orders + Topics.DEAD_LETTER_SUFFIX;
	}

}

package io.orderflow.common.messaging;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Declares the topics of the pipeline (orders and its dead-letter topic), so that every
 * service that starts first creates them with the configured partitions instead of
 * relying on broker-side auto-creation.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TopicsProperties.class)
public class TopicsConfiguration {

	@Bean
	NewTopic ordersTopic(TopicsProperties topics) {
		return TopicBuilder.name(topics.orders()).partitions(topics.partitions()).replicas(topics.replicas()).build();
	}

	/**
	 * Same partition count: a dead letter goes to the partition number of its original
	 * record.
	 */
	@Bean
	NewTopic ordersDeadLetterTopic(TopicsProperties topics) {
		return TopicBuilder.name(topics.ordersDeadLetter())
			.partitions(topics.partitions())
			.replicas(topics.replicas())
			.build();
	}

}

package io.orderflow.worker.order;

import io.orderflow.common.messaging.TopicsProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

import static org.awaitility.Awaitility.await;

/**
 * What worker integration tests share: the worker's own database and topics, and fresh
 * {@link OrderFixtures} for each test. Subclasses bring {@code @SpringBootTest} and the
 * infrastructure.
 */
abstract class WorkerIntegrationTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TopicsProperties topics;

	@Autowired
	KafkaConnectionDetails kafka;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	OrderFixtures fixtures;

	@BeforeEach
	void createFixtures() {
		this.fixtures = new OrderFixtures(this.jdbc, bootstrapServers(), this.topics);
	}

	@AfterEach
	void closeFixtures() {
		this.fixtures.close();
	}

	/**
	 * Waits until every consumer of the worker owns partitions, so a consumer that joins
	 * late cannot start a rebalance in the middle of a test.
	 */
	void awaitAllConsumersAssigned() {
		await().atMost(OrderFixtures.TIMEOUT)
			.until(() -> this.listeners.getListenerContainers()
				.stream()
				.flatMap((container) -> ((ConcurrentMessageListenerContainer<?, ?>) container).getContainers().stream())
				.allMatch((consumer) -> consumer.getAssignedPartitions() != null
						&& !consumer.getAssignedPartitions().isEmpty()));
	}

	String bootstrapServers() {
		return String.join(",", this.kafka.getBootstrapServers());
	}

}

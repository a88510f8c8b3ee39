package io.orderflow.worker.order;

import io.orderflow.common.messaging.TopicsProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What worker integration tests share: the worker's own database and topics, and fresh
 * {@link OrderFixtures} for each test. Subclasses bring {@code @SpringBootTest} and the infrastructure.
 */
abstract class WorkerIntegrationTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TopicsProperties topics;

	@Autowired
	KafkaConnectionDetails kafka;

	OrderFixtures fixtures;

	@BeforeEach
	void createFixtures() {
		this.fixtures = new OrderFixtures(this.jdbc, bootstrapServers(), this.topics);
	}

	@AfterEach
	void closeFixtures() {
		this.fixtures.close();
	}

	String bootstrapServers() {
		return String.join(",", this.kafka.getBootstrapServers());
	}

}

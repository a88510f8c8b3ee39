package io.orderflow.worker.order;

import io.orderflow.testsupport.ContainerImages;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

/**
 * {@link OrderProcessingContract} on Testcontainers, where a Docker engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class OrderProcessingContainersIntegrationTests extends OrderProcessingContract {

	@Container
	@ServiceConnection
	static KafkaContainer kafka = new KafkaContainer(ContainerImages.KAFKA);

	@Container
	@ServiceConnection
	static PostgreSQLContainer postgres = new PostgreSQLContainer(ContainerImages.POSTGRES);

}

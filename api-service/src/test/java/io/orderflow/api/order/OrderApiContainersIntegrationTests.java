package io.orderflow.api.order;

import io.orderflow.testsupport.ContainerImages;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

/**
 * {@link OrderApiContract} on Testcontainers, where a Docker engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class OrderApiContainersIntegrationTests extends OrderApiContract {

	@Container
	@ServiceConnection
	static KafkaContainer kafka = new KafkaContainer(ContainerImages.KAFKA);

	@Container
	@ServiceConnection
	static PostgreSQLContainer postgres = new PostgreSQLContainer(ContainerImages.POSTGRES);

}

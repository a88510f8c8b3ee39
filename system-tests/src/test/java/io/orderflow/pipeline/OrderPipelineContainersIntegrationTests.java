package io.orderflow.pipeline;

import java.util.Map;

import io.orderflow.testsupport.ContainerImages;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * {@link OrderPipelineContract} on Testcontainers, where a Docker engine is available.
 * Three applications share the containers, so their connection details are passed as
 * properties.
 */
@Testcontainers(disabledWithoutDocker = true)
class OrderPipelineContainersIntegrationTests extends OrderPipelineContract {

	@Container
	static KafkaContainer kafka = new KafkaContainer(ContainerImages.KAFKA);

	@Container
	static PostgreSQLContainer postgres = new PostgreSQLContainer(ContainerImages.POSTGRES);

	@Override
	Map<String, String> infrastructure() {
		return Map.of("spring.kafka.bootstrap-servers", kafka.getBootstrapServers(), "spring.datasource.url",
				postgres.getJdbcUrl(), "spring.datasource.username", postgres.getUsername(),
				"spring.datasource.password", postgres.getPassword());
	}

}

package io.orderflow.worker.order;

import io.orderflow.testsupport.TestInfrastructure;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link OrderProcessingContract} on a real Kafka broker process and real PostgreSQL, no
 * Docker.
 */
class OrderProcessingIntegrationTests extends OrderProcessingContract {

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.shared()
			.isolatedSpringProperties()
			.forEach((name, value) -> registry.add(name, () -> value));
	}

}

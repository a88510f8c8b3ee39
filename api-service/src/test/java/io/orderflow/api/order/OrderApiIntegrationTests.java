package io.orderflow.api.order;

import io.orderflow.testsupport.TestInfrastructure;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link OrderApiContract} on a real Kafka broker process and real PostgreSQL, no Docker.
 */
class OrderApiIntegrationTests extends OrderApiContract {

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.shared()
			.isolatedSpringProperties()
			.forEach((name, value) -> registry.add(name, () -> value));
	}

}

package io.orderflow.api.order;

import io.orderflow.localstack.LocalInfrastructure;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link OrderApiContract} on a real Kafka broker process and real PostgreSQL, no Docker.
 */
class OrderApiIntegrationTests extends OrderApiContract {

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		LocalInfrastructure.shared().isolatedSpringProperties().forEach((name, value) -> registry.add(name, () -> value));
	}

}

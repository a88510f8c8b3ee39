package io.orderflow.pipeline;

import java.util.Map;

import io.orderflow.testsupport.TestInfrastructure;

/**
 * {@link OrderPipelineContract} on a real Kafka broker process and real PostgreSQL, no
 * Docker.
 */
class OrderPipelineIntegrationTests extends OrderPipelineContract {

	@Override
	Map<String, String> infrastructure() {
		return TestInfrastructure.shared().isolatedSpringProperties();
	}

}

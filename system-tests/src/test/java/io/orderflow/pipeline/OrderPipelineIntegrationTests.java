package io.orderflow.pipeline;

import java.util.Map;

import io.orderflow.localstack.LocalInfrastructure;

/**
 * {@link OrderPipelineContract} on a real Kafka broker process and real PostgreSQL, no Docker.
 */
class OrderPipelineIntegrationTests extends OrderPipelineContract {

	@Override
	Map<String, String> infrastructure() {
		return LocalInfrastructure.shared().isolatedSpringProperties();
	}

}

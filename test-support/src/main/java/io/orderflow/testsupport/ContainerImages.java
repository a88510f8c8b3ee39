package io.orderflow.testsupport;

import io.orderflow.infrastructure.KafkaBroker;

/**
 * Docker images for the Testcontainers variants of the integration tests, which run only
 * where a Docker engine is available. They match what {@link KafkaBroker} and the
 * embedded server run.
 */
public final class ContainerImages {

	public static final String KAFKA = "apache/kafka:4.2.1";

	public static final String POSTGRES = "postgres:17-alpine";

	private ContainerImages() {
	}

}

package io.orderflow.benchmarks.outbox;

import io.orderflow.infrastructure.KafkaBroker;
import io.orderflow.infrastructure.PostgresServer;

/**
 * The broker and the PostgreSQL server both contenders run against.
 *
 * @param kafka the broker, which the outage scenario stops and starts again
 * @param postgres the server each contender creates its database on
 */
record SharedInfrastructure(KafkaBroker kafka, PostgresServer postgres) {

	String bootstrapServers() {
		return this.kafka.bootstrapServers();
	}

}

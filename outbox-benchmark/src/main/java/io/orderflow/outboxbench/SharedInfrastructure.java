package io.orderflow.outboxbench;

import io.orderflow.localstack.KafkaBroker;
import io.orderflow.localstack.LocalInfrastructure;
import io.orderflow.localstack.PostgresServer;

/**
 * The broker and the PostgreSQL server both contenders run against.
 *
 * @param kafka the broker, which the outage scenario stops and starts again
 * @param postgres the server each contender creates its database on
 */
record SharedInfrastructure(KafkaBroker kafka, PostgresServer postgres) {

	static SharedInfrastructure of(LocalInfrastructure infrastructure) {
		return new SharedInfrastructure(infrastructure.kafka(), infrastructure.postgres());
	}

	String bootstrapServers() {
		return this.kafka.bootstrapServers();
	}

}

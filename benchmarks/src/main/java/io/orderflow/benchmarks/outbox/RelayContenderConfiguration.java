package io.orderflow.benchmarks.outbox;

import java.time.Clock;
import java.util.List;

import io.orderflow.api.outbox.Outbox;
import io.orderflow.api.outbox.OutboxProperties;
import io.orderflow.common.messaging.TopicsConfiguration;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Contender "orderflow relay": the api-service's own outbox package ({@code Outbox},
 * {@code OutboxRelay}, {@code OutboxPublisher}, health), unchanged. An order is one
 * transaction that inserts the order row and calls {@link Outbox#enqueue}. Spring
 * Modulith is on the classpath of the benchmark but kept out of this context.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration(excludeName = { "org.springframework.modulith.events.config.EventPublicationAutoConfiguration",
		"org.springframework.modulith.events.config.EventExternalizationAutoConfiguration",
		"org.springframework.modulith.events.jackson.JacksonEventSerializationConfiguration",
		"org.springframework.modulith.events.jackson2.Jackson2EventSerializationConfiguration",
		"org.springframework.modulith.events.jdbc.JdbcEventPublicationAutoConfiguration",
		"org.springframework.modulith.events.kafka.KafkaEventExternalizerConfiguration",
		"org.springframework.modulith.events.kafka.KafkaJackson2Configuration",
		"org.springframework.modulith.events.kafka.KafkaJacksonConfiguration" })
@ComponentScan(basePackageClasses = Outbox.class)
@EnableConfigurationProperties(OutboxProperties.class)
@Import(TopicsConfiguration.class)
class RelayContenderConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	OrderTransaction orderTransaction(TransactionTemplate transaction, JdbcClient jdbc, Outbox outbox) {
		OrderRows orders = new OrderRows(jdbc);
		return new OrderTransaction(transaction, (id) -> {
			orders.insert(id);
			outbox.enqueue(List.of(new Outbox.Queued(id, null, null)));
		});
	}

}

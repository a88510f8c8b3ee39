package io.orderflow.benchmarks.outbox;

import io.orderflow.common.messaging.OrderMessage;
import io.orderflow.common.messaging.TopicsConfiguration;
import io.orderflow.common.messaging.TopicsProperties;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.RoutingTarget;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Contender "Spring Modulith": the event publication registry (JDBC) with Kafka
 * externalization, on Modulith's defaults. An order is one transaction that inserts the
 * order row and publishes an {@link OrderMessage} event; the registry stores the
 * publication in that transaction, and after the commit the externalizer sends the event
 * to the topic, keyed by the order id.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(TopicsConfiguration.class)
class ModulithContenderConfiguration {

	/**
	 * The contract's record itself is the event, so the value is {@code {"orderId":
	 * "..."}} as on the relay's topic.
	 */
	@Bean
	EventExternalizationConfiguration eventExternalization(TopicsProperties topics) {
		return EventExternalizationConfiguration.externalizing()
			.selectByType(OrderMessage.class)
			.route(OrderMessage.class,
					(message) -> RoutingTarget.forTarget(topics.orders()).andKey(message.orderId().toString()))
			.build();
	}

	@Bean
	OrderTransaction orderTransaction(TransactionTemplate transaction, JdbcClient jdbc,
			ApplicationEventPublisher events) {
		OrderRows orders = new OrderRows(jdbc);
		return new OrderTransaction(transaction, (id) -> {
			orders.insert(id);
			events.publishEvent(new OrderMessage(id));
		});
	}

}

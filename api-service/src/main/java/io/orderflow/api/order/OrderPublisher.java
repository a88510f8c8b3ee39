package io.orderflow.api.order;

import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.orderflow.common.messaging.OrderMessage;
import io.orderflow.common.messaging.TopicsProperties;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes accepted order ids to the orders topic and waits for the broker's acknowledgement.
 */
@Component
class OrderPublisher {

	/** Beyond the producer's own delivery.timeout.ms, which bounds a send first. */
	private static final long ACK_TIMEOUT_SECONDS = 30;

	private final KafkaTemplate<String, OrderMessage> kafka;

	private final TopicsProperties topics;

	OrderPublisher(KafkaTemplate<String, OrderMessage> kafka, TopicsProperties topics) {
		this.kafka = kafka;
		this.topics = topics;
	}

	void publish(UUID orderId) {
		try {
			this.kafka.send(this.topics.orders(), orderId.toString(), new OrderMessage(orderId))
				.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException | KafkaException ex) {
			throw new OrderNotQueuedException(orderId, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new OrderNotQueuedException(orderId, ex);
		}
	}

}

package io.orderflow.worker.order;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.orderflow.common.messaging.OrderMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Receives batches of order ids. Offsets are committed by the container after this method returns,
 * that is after the batch transaction has committed.
 */
@Component
class OrderListener {

	private static final Logger log = LoggerFactory.getLogger(OrderListener.class);

	private final OrderProcessor processor;

	OrderListener(OrderProcessor processor) {
		this.processor = processor;
	}

	@KafkaListener(id = "orders", idIsGroup = false, topics = "${orderflow.topics.orders:orders}", batch = "true")
	void onOrders(List<ConsumerRecord<String, OrderMessage>> records) {
		List<UUID> ids = new ArrayList<>(records.size());
		for (ConsumerRecord<String, OrderMessage> record : records) {
			if (record.value() == null) {
				log.error("Skipping undeserializable record {}-{}@{} with key {}", record.topic(), record.partition(),
						record.offset(), record.key());
				continue;
			}
			ids.add(record.value().orderId());
		}
		if (!ids.isEmpty()) {
			this.processor.process(ids);
		}
	}

}

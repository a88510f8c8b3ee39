package io.orderflow.worker.reconcile;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.orderflow.common.messaging.OrderHeaders;
import io.orderflow.common.messaging.OrderMessage;
import io.orderflow.common.messaging.OrderMessageSerializer;
import io.orderflow.common.messaging.TopicsProperties;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes stuck orders to the orders topic again, as the api's relay did: the
 * contract's {@link OrderMessage}, written by its {@link OrderMessageSerializer}, keyed
 * by order id, with the client's {@code Idempotency-Key} and the provenance headers
 * {@code reconciled-at} and {@code reconcile-count}. Waits for the broker's
 * acknowledgements.
 */
@Component
class Redriver {

	/**
	 * Within the claim's transaction: well below the session's idle-in-transaction
	 * timeout (20 s).
	 */
	private static final long ACK_TIMEOUT_SECONDS = 10;

	private final KafkaTemplate<Object, Object> kafka;

	private final TopicsProperties topics;

	private final OrderMessageSerializer messages = new OrderMessageSerializer();

	Redriver(KafkaTemplate<Object, Object> kafka, TopicsProperties topics) {
		this.kafka = kafka;
		this.topics = topics;
	}

	void publish(List<StuckOrder> orders, Instant now) {
		List<CompletableFuture<?>> sends = new ArrayList<>(orders.size());
		try {
			for (StuckOrder order : orders) {
				ProducerRecord<Object, Object> record = new ProducerRecord<>(this.topics.orders(),
						order.id().toString(),
						this.messages.serialize(this.topics.orders(), new OrderMessage(order.id())));
				record.headers().add(OrderHeaders.RECONCILED_AT, now.toString().getBytes(StandardCharsets.UTF_8));
				record.headers()
					.add(OrderHeaders.RECONCILE_COUNT,
							Integer.toString(order.reconcileCount() + 1).getBytes(StandardCharsets.UTF_8));
				if (order.idempotencyKey() != null) {
					record.headers()
						.add(OrderHeaders.IDEMPOTENCY_KEY, order.idempotencyKey().getBytes(StandardCharsets.UTF_8));
				}
				sends.add(this.kafka.send(record));
			}
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException | KafkaException | org.apache.kafka.common.KafkaException ex) {
			throw new RedriveException(orders.size(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedriveException(orders.size(), ex);
		}
	}

}

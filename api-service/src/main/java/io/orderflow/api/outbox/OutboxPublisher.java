package io.orderflow.api.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.orderflow.common.messaging.OrderHeaders;
import io.orderflow.common.messaging.OrderMessage;
import io.orderflow.common.messaging.TopicsProperties;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends a batch of outbox entries to the orders topic and waits until the broker has
 * acknowledged every one of them (idempotent producer, {@code acks=all}).
 */
@Component
class OutboxPublisher {

	private final KafkaTemplate<String, OrderMessage> kafka;

	private final TopicsProperties topics;

	private final OutboxProperties properties;

	private final TraceParents traces;

	OutboxPublisher(KafkaTemplate<String, OrderMessage> kafka, TopicsProperties topics, OutboxProperties properties,
			TraceParents traces) {
		this.kafka = kafka;
		this.topics = topics;
		this.properties = properties;
		this.traces = traces;
	}

	void publish(List<OutboxEntry> entries) {
		List<CompletableFuture<?>> sends = new ArrayList<>(entries.size());
		try {
			for (OutboxEntry entry : entries) {
				ProducerRecord<String, OrderMessage> record = new ProducerRecord<>(this.topics.orders(),
						entry.orderId().toString(), new OrderMessage(entry.orderId()));
				if (entry.idempotencyKey() != null) {
					record.headers()
						.add(OrderHeaders.IDEMPOTENCY_KEY, entry.idempotencyKey().getBytes(StandardCharsets.UTF_8));
				}
				sends.add(send(record, entry.traceParent()));
			}
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
				.get(this.properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException | KafkaException ex) {
			throw new OutboxPublishException(entries.size(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new OutboxPublishException(entries.size(), ex);
		}
	}

	/**
	 * Sends in a span that continues the submitting request's trace, so the template's
	 * observation puts that trace into the record's headers.
	 */
	@SuppressWarnings("try") // the span is current as long as the try block
	private CompletableFuture<?> send(ProducerRecord<String, OrderMessage> record, String traceParent) {
		Span span = this.traces.continueTrace("orderflow outbox publish", traceParent);
		try (Tracer.SpanInScope scope = this.traces.tracer().withSpan(span)) {
			span.tag("orderflow.order.id", record.key());
			return this.kafka.send(record).whenComplete((result, failure) -> {
				if (failure != null) {
					span.error(failure);
				}
				span.end();
			});
		}
	}

}

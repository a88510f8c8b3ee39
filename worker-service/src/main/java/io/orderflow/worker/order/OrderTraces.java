package io.orderflow.worker.order;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * One span per order of a batch, so each order's trace runs on from the HTTP request
 * through the outbox and Kafka into its processing. spring-kafka observes a batch
 * listener as a whole, not per record, so the processor opens these itself: each is a
 * child of the trace context in its record's {@code traceparent} header, and lasts as
 * long as the batch that processed it. While an order's lines are logged its span is
 * current, which puts its {@code traceId} into the MDC.
 */
@Component
class OrderTraces {

	static final String HEADER = "traceparent";

	private final Tracer tracer;

	private final Propagator propagator;

	OrderTraces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
		this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
	}

	/**
	 * Starts a span for each order, from its record's {@code traceparent} if it has one.
	 */
	Batch start(Iterable<UUID> orderIds, Map<UUID, String> traceParents) {
		Map<UUID, Span> spans = new LinkedHashMap<>();
		for (UUID id : orderIds) {
			String traceParent = traceParents.get(id);
			Span.Builder builder = (traceParent != null)
					? this.propagator.extract(Map.of(HEADER, traceParent), Map::get) : this.tracer.spanBuilder();
			spans.put(id,
					builder.name("orderflow order process")
						.kind(Span.Kind.CONSUMER)
						.tag("orderflow.order.id", id.toString())
						.start());
		}
		return new Batch(spans);
	}

	/** The spans of one batch. */
	final class Batch implements AutoCloseable {

		private final Map<UUID, Span> spans;

		private Batch(Map<UUID, Span> spans) {
			this.spans = spans;
		}

		/** Makes the order's span current until the scope is closed. */
		Tracer.SpanInScope scope(UUID orderId) {
			Span span = this.spans.get(orderId);
			return OrderTraces.this.tracer.withSpan(span);
		}

		/** Tags the order's span with how processing ended. */
		void outcome(UUID orderId, String outcome) {
			Span span = this.spans.get(orderId);
			if (span != null) {
				span.tag("orderflow.outcome", outcome);
			}
		}

		/** Ends every span, with {@code failure} when the batch failed. */
		void end(Throwable failure) {
			for (Span span : this.spans.values()) {
				if (failure != null) {
					span.error(failure);
				}
				span.end();
			}
		}

		@Override
		public void close() {
			end(null);
		}

	}

}

package io.orderflow.api.outbox;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Carries a trace across the outbox: at intake the current span's W3C {@code traceparent}
 * is stored with the outbox row, and the relay, publishing later on its own thread,
 * continues that trace from it. Without tracing both are no-ops.
 */
@Component
public class TraceParents {

	static final String HEADER = "traceparent";

	private final Tracer tracer;

	private final Propagator propagator;

	TraceParents(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
		this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
	}

	/**
	 * The current span's {@code traceparent}, or null outside a trace. An unsampled
	 * span's too: the trace is not exported then, but its id still ties the order's log
	 * lines together.
	 */
	public String current() {
		Span span = this.tracer.currentSpan();
		if (span == null) {
			return null;
		}
		Map<String, String> carrier = new HashMap<>();
		this.propagator.inject(span.context(), carrier, Map::put);
		return carrier.get(HEADER);
	}

	/**
	 * Starts a span named {@code name} as a child of the stored {@code traceparent}, or a
	 * new trace's root when there is none. Its kind stays internal: the send under it
	 * gets the template's own producer span.
	 */
	Span continueTrace(String name, String traceParent) {
		Span.Builder builder = (traceParent != null) ? this.propagator.extract(Map.of(HEADER, traceParent), Map::get)
				: this.tracer.spanBuilder();
		return builder.name(name).start();
	}

	Tracer tracer() {
		return this.tracer;
	}

}

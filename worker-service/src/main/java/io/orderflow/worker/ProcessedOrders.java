package io.orderflow.worker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code orderflow.orders.processed{outcome}}: order records handled by this worker, one
 * series per outcome, counted by the feature that decides it (processing, retries, dead
 * letters, the reconcile job).
 */
public final class ProcessedOrders {

	private ProcessedOrders() {
	}

	/** The counter of one outcome, such as {@code completed} or {@code dead_lettered}. */
	public static Counter counter(MeterRegistry meters, String outcome) {
		return Counter.builder("orderflow.orders.processed")
			.description("Order records handled by this worker, by outcome")
			.tag("outcome", outcome)
			.register(meters);
	}

}

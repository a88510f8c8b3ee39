package io.orderflow.worker.reconcile;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.worker.ProcessedOrders;

import org.springframework.stereotype.Component;

/**
 * The reconcile job's meters: stuck orders found, re-driven and failed, and how many were
 * stuck when this instance last ran the job.
 */
@Component
class ReconcileMetrics {

	private final Counter found;

	private final Counter redriven;

	private final Counter failed;

	private final Counter reconciled;

	private final AtomicLong stuck = new AtomicLong();

	ReconcileMetrics(MeterRegistry meters) {
		this.found = Counter.builder("orderflow.reconcile.found")
			.description("Stuck orders found by the reconcile job")
			.register(meters);
		this.redriven = Counter.builder("orderflow.reconcile.actions")
			.description("Reconcile actions on stuck orders, by action")
			.tag("action", "redriven")
			.register(meters);
		this.failed = Counter.builder("orderflow.reconcile.actions")
			.description("Reconcile actions on stuck orders, by action")
			.tag("action", "failed")
			.register(meters);
		this.reconciled = ProcessedOrders.counter(meters, "reconciled");
		Gauge.builder("orderflow.reconcile.stuck", this.stuck, AtomicLong::get)
			.description("Orders stuck beyond stuck-after when this instance last ran the reconcile job")
			.register(meters);
	}

	void claimed(StuckOrders.Claim claim) {
		this.found.increment(claim.size());
		this.failed.increment(claim.failed().size());
	}

	void redriven(int count) {
		this.redriven.increment(count);
		this.reconciled.increment(count);
	}

	void stuck(long count) {
		this.stuck.set(count);
	}

}

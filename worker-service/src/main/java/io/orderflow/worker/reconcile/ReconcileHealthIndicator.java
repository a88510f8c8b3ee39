package io.orderflow.worker.reconcile;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code DEGRADED} (HTTP 200) while more orders than {@code health-threshold} are stuck:
 * operators see it, but it is no reason to restart or unroute a worker, so no probe group
 * includes it.
 */
@Component
class ReconcileHealthIndicator extends AbstractHealthIndicator {

	static final Status DEGRADED = new Status("DEGRADED", "Orders are stuck beyond stuck-after");

	private final StuckOrders orders;

	private final ReconcileProperties properties;

	ReconcileHealthIndicator(StuckOrders orders, ReconcileProperties properties) {
		super("Stuck orders cannot be counted");
		this.orders = orders;
		this.properties = properties;
	}

	@Override
	protected void doHealthCheck(Health.Builder health) {
		int cap = this.properties.healthThreshold() + 1000;
		long stuck = this.orders.count(this.properties.stuckAfter(), cap);
		health.status((stuck > this.properties.healthThreshold()) ? DEGRADED : Status.UP)
			.withDetail("stuck", (stuck >= cap) ? "at least " + cap : stuck)
			.withDetail("stuckAfter", this.properties.stuckAfter().toString())
			.withDetail("threshold", this.properties.healthThreshold());
	}

}

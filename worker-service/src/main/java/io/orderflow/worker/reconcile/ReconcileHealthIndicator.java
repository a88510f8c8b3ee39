package io.orderflow.worker.reconcile;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code DEGRADED} (HTTP 200) while more orders than {@code health-threshold} are stuck: operators
 * see it, but it is no reason to restart or unroute a worker, so no probe group includes it.
 */
@Component
class ReconcileHealthIndicator implements HealthIndicator {

	static final Status DEGRADED = new Status("DEGRADED", "Orders are stuck beyond stuck-after");

	private final StuckOrders orders;

	private final ReconcileProperties properties;

	ReconcileHealthIndicator(StuckOrders orders, ReconcileProperties properties) {
		this.orders = orders;
		this.properties = properties;
	}

	@Override
	public Health health() {
		int cap = this.properties.healthThreshold() + 1000;
		long stuck = this.orders.count(this.properties.stuckAfter(), cap);
		Health.Builder health = (stuck > this.properties.healthThreshold()) ? Health.status(DEGRADED) : Health.up();
		return health.withDetail("stuck", (stuck >= cap) ? "at least " + cap : stuck)
			.withDetail("stuckAfter", this.properties.stuckAfter().toString())
			.withDetail("threshold", this.properties.healthThreshold())
			.build();
	}

}

package io.orderflow.api.outbox;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Liveness of the relay thread: {@code DOWN} once it has ended while the application
 * still runs. The relay outlives every failure it can handle (database, broker, pool); a
 * thread that ended anyway would leave orders in the outbox for good, and only a restart
 * of the process helps.
 */
@Component
class OutboxRelayHealthIndicator implements HealthIndicator {

	private final OutboxRelay relay;

	private final OutboxStatus status;

	OutboxRelayHealthIndicator(OutboxRelay relay, OutboxStatus status) {
		this.relay = relay;
		this.status = status;
	}

	@Override
	public Health health() {
		if (this.relay.isAlive()) {
			return Health.up().build();
		}
		Health.Builder down = Health.down().withDetail("reason", "the outbox relay thread has ended");
		if (this.status.lastError() != null) {
			down.withDetail("lastError", this.status.lastError());
		}
		return down.build();
	}

}

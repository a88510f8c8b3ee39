package io.orderflow.worker.cleanup;

import java.util.List;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Shows who holds the cleanup lock and how the fleet's last run ended. Always UP when the
 * database answers: a failed cleanup is for an alert on
 * {@code orderflow.cleanup.last.completed}, not a reason to restart or unroute a worker.
 */
@Component
class CleanupHealthIndicator extends AbstractHealthIndicator {

	private final CleanupRuns runs;

	private final CleanupLease lease;

	CleanupHealthIndicator(CleanupRuns runs, CleanupLease lease) {
		super("Cleanup state cannot be read");
		this.runs = runs;
		this.lease = lease;
	}

	@Override
	protected void doHealthCheck(Health.Builder health) {
		health.up().withDetail("instance", this.lease.owner().value());
		this.lease.current().ifPresent((lock) -> health.withDetail("lock", lock));
		List<CleanupRuns.Run> last = this.runs.recent(1);
		if (!last.isEmpty()) {
			health.withDetail("lastRun", last.get(0));
		}
	}

}

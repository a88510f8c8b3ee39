package io.orderflow.api.outbox;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Says what is going on with publication. {@code DEGRADED} (HTTP 200) while orders wait
 * in the outbox, for example during a broker outage: the API keeps accepting orders, so
 * readiness must not take the replica out of service, but operators see the backlog and
 * the last error.
 */
@Component
class OutboxHealthIndicator extends AbstractHealthIndicator {

	static final Status DEGRADED = new Status("DEGRADED", "Orders are accepted but wait in the outbox");

	private final Outbox outbox;

	private final OutboxStatus status;

	private final OutboxProperties properties;

	OutboxHealthIndicator(Outbox outbox, OutboxStatus status, OutboxProperties properties) {
		// A backlog that cannot be read (database down) is DOWN with the error, not a
		// failed probe.
		super("Outbox backlog cannot be read");
		this.outbox = outbox;
		this.status = status;
		this.properties = properties;
	}

	@Override
	protected void doHealthCheck(Health.Builder health) {
		Outbox.Backlog backlog = this.outbox.backlog();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("backlog", backlog.size());
		details.put("oldestAgeMillis", backlog.oldestAge().toMillis());
		if (this.status.lastPublished() != null) {
			details.put("lastPublished", this.status.lastPublished().toString());
		}
		if (this.status.lastFailure() != null) {
			details.put("lastFailure", this.status.lastFailure().toString());
			details.put("lastError", this.status.lastError());
		}
		boolean stale = backlog.oldestAge().compareTo(this.properties.degradedAfter()) > 0;
		boolean degraded = backlog.size() > 0 && (stale || this.status.isFailing());
		health.status(degraded ? DEGRADED : Status.UP).withDetails(details);
	}

}

package io.orderflow.worker.cleanup;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/cleanup}: GET shows the lock and the latest runs; POST runs the
 * cleanup now, under the same lock as the schedule (409 while another run holds it).
 */
@Component
@Endpoint(id = "cleanup")
class CleanupEndpoint {

	private static final int RECENT_RUNS = 10;

	private static final int CONFLICT = 409;

	private final CleanupJob job;

	private final CleanupRuns runs;

	private final CleanupLease lease;

	CleanupEndpoint(CleanupJob job, CleanupRuns runs, CleanupLease lease) {
		this.job = job;
		this.runs = runs;
		this.lease = lease;
	}

	@ReadOperation
	public Map<String, Object> overview() {
		Map<String, Object> overview = new LinkedHashMap<>();
		overview.put("lock", this.lease.current().orElse(null));
		overview.put("instance", this.lease.owner().value());
		overview.put("recentRuns", this.runs.recent(RECENT_RUNS));
		return overview;
	}

	@WriteOperation
	public WebEndpointResponse<Object> run() {
		Optional<CleanupReport> report = this.job.manualRun();
		if (report.isEmpty()) {
			Map<String, Object> skipped = new LinkedHashMap<>();
			skipped.put("status", "SKIPPED");
			skipped.put("reason", "another cleanup run holds the lock");
			skipped.put("lock", this.lease.current().orElse(null));
			return new WebEndpointResponse<>(skipped, CONFLICT);
		}
		return new WebEndpointResponse<>(report.get(), statusCode(report.get().status()));
	}

	private static int statusCode(CleanupStatus status) {
		return switch (status) {
			case COMPLETED -> WebEndpointResponse.STATUS_OK;
			case LOCK_LOST -> CONFLICT;
			case INTERRUPTED -> WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE;
			case FAILED, RUNNING, ABANDONED -> WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR;
		};
	}

}

package io.orderflow.worker;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of a worker instance.
 *
 * @param instanceId name of this instance in logs, audit rows and dead-letter headers
 * (the pod name on Kubernetes)
 * @param shutdownTimeout how long a stopping worker may take to finish the records it
 * holds
 */
@ConfigurationProperties("orderflow.worker")
public record WorkerProperties(String instanceId, @DefaultValue("30s") Duration shutdownTimeout) {

	public WorkerProperties {
		if (instanceId == null || instanceId.isBlank()) {
			instanceId = "worker-" + ProcessHandle.current().pid();
		}
	}

}

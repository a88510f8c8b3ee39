package io.orderflow.worker.order;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of a worker instance.
 *
 * @param instanceId name of this instance in logs and audit rows (the pod name on Kubernetes)
 */
@ConfigurationProperties("orderflow.worker")
record WorkerProperties(String instanceId) {

	WorkerProperties {
		if (instanceId == null || instanceId.isBlank()) {
			instanceId = "worker-" + ProcessHandle.current().pid();
		}
	}

}

package io.orderflow.worker;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.orderflow.localstack.FreePorts;
import io.orderflow.localstack.LocalFiles;
import io.orderflow.localstack.LocalInfrastructure;
import io.orderflow.localstack.ServiceProcess;

/**
 * Starts the worker as a real process from its executable jar, for tests that kill, stop or
 * freeze it the way production would.
 */
public final class WorkerProcesses {

	private WorkerProcesses() {
	}

	/** A worker named {@code name} (its instance id) with the given Spring properties, via the environment. */
	public static ServiceProcess start(String name, Map<String, String> springProperties) {
		Map<String, String> environment = new HashMap<>(LocalInfrastructure.asEnvironment(springProperties));
		environment.put("ORDERFLOW_WORKER_INSTANCE_ID", name);
		Path jar = LocalFiles.executableJar(Path.of(System.getProperty("orderflow.build-dir", "target")));
		return ServiceProcess.start(name, jar, FreePorts.find(), environment,
				LocalInfrastructure.workDirectory().resolve("worker-processes"));
	}

}

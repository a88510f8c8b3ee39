package io.orderflow.worker;

import io.orderflow.infrastructure.SpringProperties;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.orderflow.infrastructure.FreePorts;
import io.orderflow.infrastructure.LocalFiles;
import io.orderflow.testsupport.TestInfrastructure;
import io.orderflow.infrastructure.ServiceProcess;

/**
 * Starts the worker as a real process from its executable jar, for tests that kill, stop
 * or freeze it the way production would.
 */
public final class WorkerProcesses {

	private WorkerProcesses() {
	}

	/**
	 * A worker named {@code name} (its instance id) with the given Spring properties, via
	 * the environment.
	 */
	public static ServiceProcess start(String name, Map<String, String> springProperties) {
		Map<String, String> environment = new HashMap<>(SpringProperties.asEnvironment(springProperties));
		environment.put("ORDERFLOW_WORKER_INSTANCE_ID", name);
		Path jar = LocalFiles.executableJar(Path.of(System.getProperty("orderflow.build-dir", "target")));
		return ServiceProcess.start(name, jar, FreePorts.find(), environment,
				TestInfrastructure.workDirectory().resolve("worker-processes"));
	}

}

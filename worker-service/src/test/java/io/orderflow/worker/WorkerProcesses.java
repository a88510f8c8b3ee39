package io.orderflow.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.orderflow.localstack.FreePorts;
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
		return ServiceProcess.start(name, jar(), FreePorts.find(), environment,
				LocalInfrastructure.workDirectory().resolve("worker-processes"));
	}

	private static Path jar() {
		Path target = Path.of(System.getProperty("orderflow.build-dir", "target"));
		try (Stream<Path> files = Files.list(target)) {
			return files.filter((file) -> file.getFileName().toString().endsWith("-exec.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No worker executable jar in " + target));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot list " + target, ex);
		}
	}

}

package io.orderflow.infrastructure;

import java.nio.file.Path;
import java.util.Map;

/**
 * How to start one service process: enough to start it again under the same name, ports
 * and log after it crashed.
 *
 * @param name service name, also the log file's name ({@code <logDirectory>/<name>.log})
 * @param jar the service's executable jar
 * @param port HTTP port ({@code SERVER_PORT})
 * @param managementPort actuator port ({@code MANAGEMENT_SERVER_PORT}); the same as
 * {@code port} for one server
 * @param bindAddress the only address the service listens on ({@code SERVER_ADDRESS},
 * {@code MANAGEMENT_SERVER_ADDRESS})
 * @param environment variables on top of this process's environment
 * @param logDirectory where the log file is
 */
public record ServiceSpec(String name, Path jar, int port, int managementPort, String bindAddress,
		Map<String, String> environment, Path logDirectory) {

	public ServiceSpec {
		environment = Map.copyOf(environment);
	}

	public Path logFile() {
		return this.logDirectory.resolve(this.name + ".log");
	}

	public String url() {
		return "http://" + BindAddress.connectHost(this.bindAddress) + ":" + this.port;
	}

	public String managementUrl() {
		return "http://" + BindAddress.connectHost(this.bindAddress) + ":" + this.managementPort;
	}

}

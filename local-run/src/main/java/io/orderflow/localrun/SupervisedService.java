package io.orderflow.localrun;

import io.orderflow.infrastructure.ServiceProcess;
import io.orderflow.infrastructure.ServiceSpec;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A named service of a local stack whose process may be replaced: a crashed process is
 * restarted under the same name, ports and log, so callers ask for the {@link #current()}
 * process instead of keeping one.
 */
public final class SupervisedService {

	private final ServiceSpec spec;

	private ServiceProcess current;

	/** Whether the current process has answered its health check since it started. */
	private boolean healthy;

	private boolean stopped;

	private SupervisedService(ServiceSpec spec, ServiceProcess first) {
		this.spec = spec;
		this.current = first;
	}

	/** Starts the first process, truncating the log of an earlier run. */
	static SupervisedService start(ServiceSpec spec) {
		return new SupervisedService(spec, ServiceProcess.start(spec, false));
	}

	public String name() {
		return this.spec.name();
	}

	String url() {
		return this.spec.url();
	}

	String managementUrl() {
		return this.spec.managementUrl();
	}

	Path logFile() {
		return this.spec.logFile();
	}

	boolean isWorker() {
		return this.spec.name().startsWith("worker");
	}

	public synchronized ServiceProcess current() {
		return this.current;
	}

	/** Alive and healthy since it last started: what a chaos run may kill. */
	public synchronized boolean isHealthy() {
		return this.healthy && this.current.isAlive();
	}

	/** Marks {@code process} healthy if it is still the current one. */
	synchronized void markHealthy(ServiceProcess process) {
		if (process == this.current) {
			this.healthy = true;
		}
	}

	/** Starts a new process appending to the log; empty once the service was stopped. */
	synchronized Optional<ServiceProcess> restart() {
		if (this.stopped) {
			return Optional.empty();
		}
		if (this.current.isAlive()) {
			throw new IllegalStateException(name() + " is still running as pid " + this.current.pid());
		}
		this.current = ServiceProcess.start(this.spec, true);
		this.healthy = false;
		return Optional.of(this.current);
	}

	/**
	 * Kills the current process with SIGKILL, as a crash would; the supervisor restarts
	 * it.
	 */
	public void kill() {
		current().kill();
	}

	/**
	 * Sends the current process SIGTERM without waiting, and restarts nothing after this;
	 * returns the process, to wait for.
	 */
	synchronized ServiceProcess terminate() {
		this.stopped = true;
		this.current.terminate();
		return this.current;
	}

}

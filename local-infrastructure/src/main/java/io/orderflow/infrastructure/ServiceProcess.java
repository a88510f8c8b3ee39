package io.orderflow.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One Spring Boot service (api or worker) running as its own JVM from its executable jar.
 * Used by {@code ./orderflow up} and by tests that stop or kill a service the way an
 * operator or a crash would.
 */
public final class ServiceProcess {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

	private final ServiceSpec spec;

	private final Process process;

	private ServiceProcess(ServiceSpec spec, Process process) {
		this.spec = spec;
		this.process = process;
	}

	/**
	 * Starts {@code java -jar jar} with {@code SERVER_PORT=port} and the given
	 * environment on top of this process's, logging to {@code <logDirectory>/<name>.log}.
	 */
	public static ServiceProcess start(String name, Path jar, int port, Map<String, String> environment,
			Path logDirectory) {
		return start(name, jar, port, port, environment, logDirectory);
	}

	/**
	 * As above, with actuator on {@code managementPort} ({@code MANAGEMENT_SERVER_PORT}).
	 */
	public static ServiceProcess start(String name, Path jar, int port, int managementPort,
			Map<String, String> environment, Path logDirectory) {
		return start(new ServiceSpec(name, jar, port, managementPort, BindAddress.LOOPBACK, environment, logDirectory),
				false);
	}

	/**
	 * Starts the service described by {@code spec}, listening on its bind address only. A
	 * restart appends to the log file, so the crashed process's last lines stay readable;
	 * a first start truncates it.
	 */
	public static ServiceProcess start(ServiceSpec spec, boolean appendToLog) {
		if (!FreePorts.isFree(spec.port(), spec.bindAddress())) {
			throw new IllegalStateException(
					"Port " + spec.port() + " for " + spec.name() + " is in use: is another stack running?");
		}
		Path logFile = spec.logFile();
		try {
			Files.createDirectories(spec.logDirectory());
			ProcessBuilder builder = new ProcessBuilder(
					List.of(JavaProcesses.javaExecutable(), "-Xmx768m", "-jar", spec.jar().toString()))
				.redirectErrorStream(true)
				.redirectOutput(appendToLog ? ProcessBuilder.Redirect.appendTo(logFile.toFile())
						: ProcessBuilder.Redirect.to(logFile.toFile()));
			builder.environment().putAll(spec.environment());
			builder.environment().put("SERVER_PORT", Integer.toString(spec.port()));
			builder.environment().put("SERVER_ADDRESS", spec.bindAddress());
			builder.environment().put("MANAGEMENT_SERVER_PORT", Integer.toString(spec.managementPort()));
			if (spec.managementPort() != spec.port()) {
				// Spring Boot refuses a management address without a management server of
				// its own.
				builder.environment().put("MANAGEMENT_SERVER_ADDRESS", spec.bindAddress());
			}
			return new ServiceProcess(spec, builder.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + spec.name() + " from " + spec.jar(), ex);
		}
	}

	public String name() {
		return this.spec.name();
	}

	public String url() {
		return this.spec.url();
	}

	/** Where actuator (health, Prometheus) answers. */
	public String managementUrl() {
		return this.spec.managementUrl();
	}

	public Path logFile() {
		return this.spec.logFile();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	public long pid() {
		return this.process.pid();
	}

	/** Completes when the process has exited, however it ended. */
	public CompletableFuture<ServiceProcess> onExit() {
		return this.process.onExit().thenApply((exited) -> this);
	}

	/** Waits until {@code /actuator/health} answers 200. */
	public void awaitHealthy() {
		awaitHealthy(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
	}

	public void awaitHealthy(HttpClient http) {
		Instant deadline = Instant.now().plus(READY_TIMEOUT);
		HttpRequest request = HttpRequest.newBuilder(URI.create(managementUrl() + "/actuator/health"))
			.timeout(Duration.ofSeconds(2))
			.build();
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						this.spec.name() + " exited with " + this.process.exitValue() + "; see " + this.spec.logFile());
			}
			try {
				if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + this.spec.name(), ex);
			}
			pause();
		}
		throw new IllegalStateException(this.spec.name() + " not healthy after " + READY_TIMEOUT.toSeconds()
				+ " s; see " + this.spec.logFile());
	}

	/**
	 * Kills the process with SIGKILL, as a crash or an OOM kill would, and waits for it
	 * to go.
	 */
	public void kill() {
		try {
			this.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Sends SIGSTOP: the process freezes mid-step, as in a long GC pause or a suspended
	 * VM.
	 */
	public void suspend() {
		signal("STOP");
	}

	/** Sends SIGCONT to a suspended process, which carries on where it stopped. */
	public void resume() {
		signal("CONT");
	}

	private void signal(String signal) {
		try {
			int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(this.process.pid())).inheritIO()
				.start()
				.waitFor();
			if (exit != 0) {
				throw new IllegalStateException("kill -" + signal + " " + this.spec.name() + " exited with " + exit);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot signal " + this.spec.name(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while signalling " + this.spec.name(), ex);
		}
	}

	/** Sends SIGTERM, as Kubernetes does, without waiting. */
	public void terminate() {
		this.process.destroy();
	}

	/** The exit code, once the process has exited. */
	public int exitValue() {
		return this.process.exitValue();
	}

	/** Waits up to {@code timeout} for the process to exit; returns whether it did. */
	public boolean awaitExit(Duration timeout) {
		try {
			return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * SIGTERM, so the service shuts down gracefully; SIGKILL if it takes longer than
	 * {@code timeout}.
	 */
	public void stop(Duration timeout) {
		this.process.destroy();
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

	private static void pause() {
		try {
			Thread.sleep(250);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

package io.orderflow.localrun;

import io.orderflow.infrastructure.ServiceProcess;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Watches the services of a local stack and starts again one whose process exits while
 * the stack is running, under a {@link RestartPolicy}. On a crash loop it restarts
 * nothing more and completes {@link #crashLoop()} with the reason, for the caller to stop
 * everything.
 */
public final class Supervisor implements AutoCloseable {

	private static final Map<Integer, String> SIGNALS = Map.of(1, "SIGHUP", 2, "SIGINT", 3, "SIGQUIT", 6, "SIGABRT", 9,
			"SIGKILL", 11, "SIGSEGV", 15, "SIGTERM");

	private final List<SupervisedService> services;

	private final Clock clock;

	private final Consumer<String> report;

	private final Function<SupervisedService, String> logName;

	private final Map<String, RestartBackoff> backoffs = new ConcurrentHashMap<>();

	private final Map<String, Instant> exitedAt = new ConcurrentHashMap<>();

	private final CompletableFuture<String> crashLoop = new CompletableFuture<>();

	private final ScheduledExecutorService restarts = Executors
		.newSingleThreadScheduledExecutor((task) -> daemon(task, "orderflow-supervisor"));

	private final ExecutorService healthChecks = Executors
		.newCachedThreadPool((task) -> daemon(task, "orderflow-health-check"));

	private volatile boolean stopping;

	/**
	 * @param services the services to watch, each healthy already
	 * @param policy when to restart
	 * @param clock the clock of the restart decisions
	 * @param report receives one line per event (an exit and its restart, back to health,
	 * a crash loop)
	 * @param logName how to show a service's log file in those lines
	 */
	Supervisor(List<SupervisedService> services, RestartPolicy policy, Clock clock, Consumer<String> report,
			Function<SupervisedService, String> logName) {
		this.services = List.copyOf(services);
		this.clock = clock;
		this.report = report;
		this.logName = logName;
		this.services.forEach((service) -> this.backoffs.put(service.name(), new RestartBackoff(policy, clock)));
	}

	/** Starts watching; the services' current processes count as healthy from now. */
	void start() {
		for (SupervisedService service : this.services) {
			ServiceProcess process = service.current();
			service.markHealthy(process);
			this.backoffs.get(service.name()).healthy();
			watch(service, process);
		}
	}

	/** Completes with the reason when a service is in a crash loop. */
	CompletableFuture<String> crashLoop() {
		return this.crashLoop;
	}

	public int restarts(String service) {
		return this.backoffs.get(service).restarts();
	}

	/** Restarts of {@code service} within the crash-loop window up to now. */
	public int recentRestarts(String service) {
		return this.backoffs.get(service).recentRestarts();
	}

	/** Stops watching: exits from now on are the stack stopping, not crashes. */
	@Override
	public void close() {
		this.stopping = true;
		this.restarts.shutdownNow();
		this.healthChecks.shutdownNow();
	}

	/**
	 * {@code 137 (SIGKILL)} for a process a signal ended (the JDK reports 128 + signal),
	 * else the code.
	 */
	static String describeExit(int exitCode) {
		if (exitCode > 128 && exitCode < 128 + 65) {
			int signal = exitCode - 128;
			return exitCode + " (" + SIGNALS.getOrDefault(signal, "signal " + signal) + ")";
		}
		return Integer.toString(exitCode);
	}

	private void watch(SupervisedService service, ServiceProcess process) {
		process.onExit()
			.thenAcceptAsync((exited) -> exited(service, exited, "exited with " + describeExit(exited.exitValue())),
					this.restarts);
	}

	private void exited(SupervisedService service, ServiceProcess process, String what) {
		if (this.stopping || this.crashLoop.isDone() || service.current() != process) {
			return;
		}
		this.exitedAt.putIfAbsent(service.name(), this.clock.instant());
		RestartBackoff.Decision decision = this.backoffs.get(service.name()).exited();
		if (decision instanceof RestartBackoff.Restart restart) {
			this.report.accept("%s %s; restart %d in %s (log %s)".formatted(service.name(), what, restart.number(),
					seconds(restart.delay()), this.logName.apply(service)));
			this.restarts.schedule(() -> restart(service, restart), restart.delay().toMillis(), TimeUnit.MILLISECONDS);
		}
		else if (decision instanceof RestartBackoff.CrashLoop loop) {
			String reason = "%s %s after %d restarts within %d s: crash loop, stopping everything (log %s)".formatted(
					service.name(), what, loop.restarts(), loop.window().toSeconds(), this.logName.apply(service));
			this.report.accept(reason);
			this.crashLoop.complete(reason);
		}
	}

	private void restart(SupervisedService service, RestartBackoff.Restart restart) {
		if (this.stopping) {
			return;
		}
		ServiceProcess previous = service.current();
		Optional<ServiceProcess> started;
		try {
			started = service.restart();
		}
		catch (IllegalStateException | UncheckedIOException ex) {
			// A start that fails (port still taken, jar gone) is one more failed attempt,
			// with its backoff.
			exited(service, previous, "could not be restarted (" + ex.getMessage() + ")");
			return;
		}
		started.ifPresent((process) -> {
			watch(service, process);
			this.healthChecks.execute(() -> awaitHealthy(service, process, restart));
		});
	}

	private void awaitHealthy(SupervisedService service, ServiceProcess process, RestartBackoff.Restart restart) {
		try {
			process.awaitHealthy();
		}
		catch (IllegalStateException ex) {
			// It exited (the exit watcher handles that), timed out, or the stack is
			// stopping.
			return;
		}
		if (this.stopping || service.current() != process) {
			return;
		}
		service.markHealthy(process);
		this.backoffs.get(service.name()).healthy();
		Instant exited = this.exitedAt.remove(service.name());
		String down = (exited != null) ? ", down " + seconds(Duration.between(exited, this.clock.instant())) : "";
		this.report.accept("%s is healthy again (restart %d%s)".formatted(service.name(), restart.number(), down));
	}

	public static String seconds(Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
	}

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

}

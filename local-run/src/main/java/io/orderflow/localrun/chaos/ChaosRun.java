package io.orderflow.localrun.chaos;

import io.orderflow.infrastructure.TopicRecords;
import io.orderflow.localrun.LocalStack;
import io.orderflow.localrun.SupervisedService;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * {@code ./orderflow chaos}: on a stack of its own (supervised workers and api replicas,
 * its own broker and embedded PostgreSQL, free ports), submits orders and injects faults
 * for a while, then heals every fault, waits for every order to be final and reconciles
 * the client's record with the database, the audit log and {@code orders-dlt}.
 */
public final class ChaosRun {

	/**
	 * The workers' safety net must act within the run: stuck orders are re-driven after
	 * 30 s.
	 */
	static final Map<String, String> WORKER_ENVIRONMENT = Map.of("ORDERFLOW_RECONCILE_STUCKAFTER", "30s",
			"ORDERFLOW_RECONCILE_INTERVAL", "5s");

	static final String DEAD_LETTER_TOPIC = "orders-dlt";

	private static final int LOAD_THREADS = 4;

	private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);

	private static final Duration LOAD_STOP_TIMEOUT = Duration.ofMinutes(3);

	private static final Duration HEAL_TIMEOUT = Duration.ofMinutes(3);

	private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(3);

	private static final Duration DEAD_LETTER_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration POLL = Duration.ofSeconds(5);

	private final Path home;

	private final Path workDirectory;

	private final ChaosSettings settings;

	private final PrintStream out;

	private final ChaosConsole console;

	private final HttpLog log = new HttpLog();

	private final Instant started = Instant.now();

	public ChaosRun(Path home, Path workDirectory, ChaosSettings settings, PrintStream out) {
		this.home = home;
		this.workDirectory = workDirectory;
		this.settings = settings;
		this.out = out;
		this.console = new ChaosConsole(out, Clock.systemUTC());
	}

	@SuppressWarnings("try") // the guard only scopes the shutdown hook
	public ChaosReport run() throws InterruptedException {
		FaultSchedule schedule = FaultSchedule.plan(this.settings.seed(), this.settings.duration(),
				this.settings.apis());
		this.out.printf(
				"Chaos run: %d workers, %d api replicas, %d s of load and faults, seed %d (repeat with --seed %d)%n",
				this.settings.workers(), this.settings.apis(), this.settings.duration().toSeconds(),
				this.settings.seed(), this.settings.seed());
		this.out.println("Plan: " + describe(schedule));
		LocalStack.Settings stackSettings = LocalStack.Settings.ownStack(this.home, this.settings.workers(),
				this.settings.apis(), this.workDirectory, WORKER_ENVIRONMENT);
		try (LocalStack stack = LocalStack.start(stackSettings, this.out, this.console::line);
				LocalStack.ShutdownGuard guard = stack.closeOnShutdown("orderflow-chaos-shutdown")) {
			return run(stack, schedule);
		}
	}

	private ChaosReport run(LocalStack stack, FaultSchedule schedule) throws InterruptedException {
		StoredOrders database = new StoredOrders(stack.database());
		Map<String, Long> initialStock = query(database::stock);
		this.out.println();
		this.console.restart();
		LoadClient load = new LoadClient(stack.apiUrls(), stack.apiKey(), this.settings.seed(), LOAD_THREADS,
				this.settings.ordersPerSecond(), this.log);
		try (FaultInjector faults = new FaultInjector(stack, this.log, this.console)) {
			this.console.line("load: %d clients, about %d orders/s to %s".formatted(LOAD_THREADS,
					this.settings.ordersPerSecond(), String.join(" and ", stack.apiUrls())));
			load.start();
			faults.start(schedule, this.console.start());
			Instant end = this.console.start().plus(this.settings.duration());
			while (Instant.now().isBefore(end) && !stack.crashLoop().isDone()) {
				Thread.sleep(Math.min(PROGRESS_INTERVAL.toMillis(),
						Math.max(1, Duration.between(Instant.now(), end).toMillis())));
				this.console.line(progress(load, faults));
			}
			this.console.line("fault window over: stopping the load, waiting for the last faults and retries");
			load.stop(LOAD_STOP_TIMEOUT);
			faults.awaitDone(HEAL_TIMEOUT);
			List<String> unhealthy = heal(stack);
			settle(database);
			List<String> deadLetterKeys = awaitDeadLetters(stack, faults.poisonKeys());

			Reconciliation.Evidence evidence = new Reconciliation.Evidence(load.outcomes(), this.log.all(),
					faults.malformedAnswers(), query(database::statuses), query(database::terminalEvents),
					query(database::ordersPerIdempotencyKey), initialStock, query(database::stock),
					query(database::completedUnits), faults.poisonKeys(), faults.uncertainPoisonKeys(), deadLetterKeys,
					faults.databaseOutages());
			Reconciliation.Result result = Reconciliation.check(evidence);
			List<Reconciliation.Invariant> invariants = new ArrayList<>(result.invariants());
			invariants.add(Reconciliation.Invariant.of("services healthy after the faults", stack.services().size(),
					unhealthy));
			invariants.add(Reconciliation.Invariant.of("no service in a crash loop", stack.services().size(),
					stack.crashLoop().isDone() ? List.of(stack.crashLoop().join()) : List.of()));
			invariants.add(Reconciliation.Invariant.of("faults injected as planned", schedule.faults().size(),
					faults.failures()));
			Map<Fault.FaultKind, Long> planned = new EnumMap<>(Fault.FaultKind.class);
			for (Fault.FaultKind kind : Fault.FaultKind.values()) {
				planned.put(kind, schedule.count(kind));
			}
			return new ChaosReport(planned, faults.injected(), faults.skippedKills(), this.log.countsByStatus(),
					load.outcomes().size(), restarts(stack, faults.kills()), invariants, result,
					Duration.between(this.started, Instant.now()),
					LocalStack.display(this.home, this.workDirectory.resolve("logs")));
		}
	}

	/**
	 * Brings back whatever a fault left down, then waits for every service to be healthy;
	 * returns those that are not.
	 */
	private List<String> heal(LocalStack stack) throws InterruptedException {
		this.console.line("healing: broker and PostgreSQL up, waiting for every service to be healthy");
		if (!stack.kafka().isRunning()) {
			stack.kafka().restart();
		}
		stack.postgres().start();
		Instant deadline = Instant.now().plus(HEAL_TIMEOUT);
		Instant nextReport = Instant.now().plus(PROGRESS_INTERVAL);
		while (true) {
			List<String> unhealthy = stack.services()
				.stream()
				.filter((service) -> !service.isHealthy())
				.map(SupervisedService::name)
				.toList();
			if (unhealthy.isEmpty() || Instant.now().isAfter(deadline) || stack.crashLoop().isDone()) {
				if (!unhealthy.isEmpty()) {
					this.console
						.line("not healthy after " + HEAL_TIMEOUT.toSeconds() + " s: " + String.join(", ", unhealthy));
				}
				return unhealthy;
			}
			if (Instant.now().isAfter(nextReport)) {
				this.console.line("waiting for " + String.join(", ", unhealthy));
				nextReport = Instant.now().plus(PROGRESS_INTERVAL);
			}
			Thread.sleep(500);
		}
	}

	/** Waits until no order is PENDING or PROCESSING, showing the counts per status. */
	private void settle(StoredOrders database) throws InterruptedException {
		this.console.line("waiting for every order to be final (at most " + SETTLE_TIMEOUT.toSeconds() + " s)");
		Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
		while (true) {
			Map<String, Long> counts;
			try {
				counts = database.countsByStatus();
			}
			catch (SQLException ex) {
				this.console.line("cannot count orders yet: " + ex.getMessage());
				Thread.sleep(POLL.toMillis());
				continue;
			}
			long open = counts.getOrDefault("PENDING", 0L) + counts.getOrDefault("PROCESSING", 0L);
			this.console.line("orders: " + counts.entrySet()
				.stream()
				.map((entry) -> entry.getKey() + " " + entry.getValue())
				.collect(Collectors.joining(", ")));
			if (open == 0) {
				return;
			}
			if (Instant.now().isAfter(deadline)) {
				this.console.line(open + " order(s) still open after " + SETTLE_TIMEOUT.toSeconds() + " s");
				return;
			}
			Thread.sleep(POLL.toMillis());
		}
	}

	/**
	 * Reads {@code orders-dlt} until it holds every poison key (or the time is up);
	 * returns every key in it.
	 */
	private List<String> awaitDeadLetters(LocalStack stack, Set<String> poisonKeys) throws InterruptedException {
		Instant deadline = Instant.now().plus(DEAD_LETTER_TIMEOUT);
		while (true) {
			List<String> keys = new ArrayList<>();
			try {
				for (ConsumerRecord<String, byte[]> record : TopicRecords.readAll(stack.bootstrapServers(),
						DEAD_LETTER_TOPIC)) {
					keys.add(record.key());
				}
			}
			catch (KafkaException | IllegalStateException ex) {
				this.console.line("cannot read " + DEAD_LETTER_TOPIC + " yet: " + ex.getMessage());
			}
			if (new HashSet<>(keys).containsAll(poisonKeys) || Instant.now().isAfter(deadline)) {
				this.console.line(DEAD_LETTER_TOPIC + ": " + keys.size() + " dead letter(s)");
				return keys;
			}
			Thread.sleep(POLL.toMillis());
		}
	}

	/**
	 * {@code worker-1 3 (3 SIGKILL)}: a restart without a SIGKILL of the run is worth a
	 * look in the logs.
	 */
	private static List<String> restarts(LocalStack stack, Map<String, Integer> kills) {
		return stack.services().stream().map((service) -> {
			int killed = kills.getOrDefault(service.name(), 0);
			return service.name() + " " + stack.supervisor().restarts(service.name())
					+ ((killed > 0) ? " (" + killed + " SIGKILL)" : "");
		}).toList();
	}

	private String progress(LoadClient load, FaultInjector faults) {
		String statuses = this.log.countsByStatus()
			.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.collect(Collectors.joining(" "));
		String injected = faults.injected()
			.entrySet()
			.stream()
			.map((entry) -> entry.getKey().label() + " " + entry.getValue())
			.collect(Collectors.joining(", "));
		return "accepted %d | HTTP %s | faults: %s".formatted(load.accepted(), statuses.isEmpty() ? "-" : statuses,
				injected.isEmpty() ? "none yet" : injected);
	}

	private static String describe(FaultSchedule schedule) {
		List<String> parts = new ArrayList<>();
		parts.add(schedule.count(Fault.FaultKind.WORKER_KILL) + " worker SIGKILLs (every "
				+ FaultSchedule.KILL_INTERVAL.toSeconds() + " s)");
		for (FaultSchedule.Planned planned : schedule.faults()) {
			if (planned.fault() instanceof Fault.RestartBroker restart) {
				parts.add("broker restart at " + planned.at().toSeconds() + " s (down " + restart.down().toSeconds()
						+ " s)");
			}
			else if (planned.fault() instanceof Fault.StopDatabase outage) {
				parts.add("PostgreSQL outage at " + planned.at().toSeconds() + " s (" + outage.down().toSeconds()
						+ " s)");
			}
		}
		parts.add(schedule.count(Fault.FaultKind.POISON_RECORD) + " poison records");
		parts.add(schedule.count(Fault.FaultKind.MALFORMED_REQUEST) + " malformed requests");
		return String.join(", ", parts);
	}

	private <T> T query(SqlQuery<T> query) {
		try {
			return query.run();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot read the chaos run's database: " + ex.getMessage(), ex);
		}
	}

	/** A query of {@link StoredOrders}. */
	@FunctionalInterface
	private interface SqlQuery<T> {

		T run() throws SQLException;

	}

}

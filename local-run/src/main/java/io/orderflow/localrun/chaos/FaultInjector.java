package io.orderflow.localrun.chaos;

import io.orderflow.infrastructure.KafkaBroker;
import io.orderflow.infrastructure.PostgresServer;
import io.orderflow.localrun.LocalStack;
import io.orderflow.localrun.RestartPolicy;
import io.orderflow.localrun.SupervisedService;
import io.orderflow.localrun.Supervisor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Carries out a {@link FaultSchedule} against a running {@link LocalStack}, each fault at
 * its moment, and records what it did: faults per kind, when the database was down, which
 * poison records the broker took.
 */
final class FaultInjector implements AutoCloseable {

	static final String ORDERS_TOPIC = "orders";

	private static final Duration POISON_SEND_TIMEOUT = Duration.ofMinutes(2);

	private static final Duration MALFORMED_DEADLINE = Duration.ofSeconds(60);

	/**
	 * A worker restarted more often within the crash-loop window is spared: two more
	 * exits must not end the run.
	 */
	private static final int MAX_RECENT_RESTARTS = RestartPolicy.STANDARD.maxRestarts() - 3;

	private final LocalStack stack;

	private final HttpLog log;

	private final ChaosConsole console;

	private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(6, (task) -> {
		Thread thread = new Thread(task, "chaos-fault");
		thread.setDaemon(true);
		return thread;
	});

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final KafkaProducer<String, byte[]> producer;

	private final Map<Fault.FaultKind, Integer> injected = new EnumMap<>(Fault.FaultKind.class);

	private final List<String> failures = new CopyOnWriteArrayList<>();

	private final List<Reconciliation.Window> databaseOutages = new CopyOnWriteArrayList<>();

	private final List<HttpLog.Exchange> malformedAnswers = new CopyOnWriteArrayList<>();

	private final Map<String, Integer> kills = new ConcurrentHashMap<>();

	private final Set<String> poisonKeys = ConcurrentHashMap.newKeySet();

	private final Set<String> uncertainPoisonKeys = ConcurrentHashMap.newKeySet();

	private final List<Future<?>> scheduled = new ArrayList<>();

	private int skippedKills;

	private SupervisedService lastVictim;

	FaultInjector(LocalStack stack, HttpLog log, ChaosConsole console) {
		this.stack = stack;
		this.log = log;
		this.console = console;
		// Waits through a broker restart instead of failing: the record must get there
		// exactly once.
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG,
						"all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.MAX_BLOCK_MS_CONFIG,
						(int) POISON_SEND_TIMEOUT.toMillis(), ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
						(int) POISON_SEND_TIMEOUT.toMillis(), ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000),
				new StringSerializer(), new ByteArraySerializer());
	}

	/** Schedules every fault at {@code start} plus its offset. */
	void start(FaultSchedule schedule, Instant start) {
		for (FaultSchedule.Planned planned : schedule.faults()) {
			long delay = Duration.between(Instant.now(), start.plus(planned.at())).toMillis();
			this.scheduled
				.add(this.executor.schedule(() -> inject(planned.fault()), Math.max(0, delay), TimeUnit.MILLISECONDS));
		}
	}

	/** Waits for every scheduled fault to be over, up to {@code timeout}. */
	void awaitDone(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		for (Future<?> future : this.scheduled) {
			try {
				future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (ExecutionException ex) {
				this.failures.add(String.valueOf(ex.getCause()));
			}
			catch (TimeoutException ex) {
				this.failures.add("a fault was still running " + timeout.toSeconds() + " s after the window");
				return;
			}
		}
	}

	synchronized Map<Fault.FaultKind, Integer> injected() {
		return new EnumMap<>(this.injected);
	}

	synchronized int skippedKills() {
		return this.skippedKills;
	}

	List<String> failures() {
		return List.copyOf(this.failures);
	}

	List<Reconciliation.Window> databaseOutages() {
		return List.copyOf(this.databaseOutages);
	}

	/** The final answer to each malformed request. */
	List<HttpLog.Exchange> malformedAnswers() {
		return List.copyOf(this.malformedAnswers);
	}

	/** SIGKILLs per service. */
	Map<String, Integer> kills() {
		return Map.copyOf(this.kills);
	}

	Set<String> poisonKeys() {
		return Set.copyOf(this.poisonKeys);
	}

	Set<String> uncertainPoisonKeys() {
		return Set.copyOf(this.uncertainPoisonKeys);
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
		this.producer.close(Duration.ofSeconds(10));
	}

	private void inject(Fault fault) {
		try {
			if (fault instanceof Fault.KillWorker kill) {
				killWorker(kill);
			}
			else if (fault instanceof Fault.RestartBroker restart) {
				restartBroker(restart);
			}
			else if (fault instanceof Fault.StopDatabase outage) {
				stopDatabase(outage);
			}
			else if (fault instanceof Fault.InjectPoison poison) {
				injectPoison(poison.poison());
			}
			else if (fault instanceof Fault.SendMalformed malformed) {
				sendMalformed(malformed);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			// A fault that could not be injected is the harness's failure, reported as
			// such.
			this.failures.add(fault.kind().label() + ": " + ex);
			this.console.line("fault FAILED: " + fault.kind().label() + ": " + ex.getMessage());
		}
	}

	private void killWorker(Fault.KillWorker kill) {
		SupervisedService victim;
		synchronized (this) {
			List<SupervisedService> healthy = this.stack.workers()
				.stream()
				.filter(SupervisedService::isHealthy)
				.toList();
			// A worker that also failed to start during an outage may be close to the
			// supervisor's
			// crash-loop limit: the run tests recovery, not that limit.
			List<SupervisedService> spared = healthy.stream()
				.filter((worker) -> this.stack.supervisor().recentRestarts(worker.name()) > MAX_RECENT_RESTARTS)
				.toList();
			List<SupervisedService> eligible = healthy.stream().filter((worker) -> !spared.contains(worker)).toList();
			// Never the same worker twice in a row while another is up: kills spread over
			// the fleet.
			List<SupervisedService> candidates = (eligible.size() > 1)
					? eligible.stream().filter((worker) -> worker != this.lastVictim).toList() : eligible;
			if (candidates.isEmpty()) {
				this.skippedKills++;
				this.console.line(spared.isEmpty() ? "fault: no healthy worker to kill, skipped"
						: "fault: no worker to kill, skipped ("
								+ spared.stream().map(SupervisedService::name).collect(Collectors.joining(", "))
								+ " restarted " + (MAX_RECENT_RESTARTS + 1) + "+ times within "
								+ RestartPolicy.STANDARD.window().toSeconds() + " s)");
				return;
			}
			victim = candidates.get(kill.choice() % candidates.size());
			this.lastVictim = victim;
		}
		this.console.line("fault: SIGKILL " + victim.name() + " (pid " + victim.current().pid() + ")");
		victim.kill();
		this.kills.merge(victim.name(), 1, Integer::sum);
		count(Fault.FaultKind.WORKER_KILL);
	}

	private void restartBroker(Fault.RestartBroker restart) throws InterruptedException {
		KafkaBroker kafka = this.stack.kafka();
		this.console.line("fault: stopping the Kafka broker for " + restart.down().toSeconds() + " s");
		Instant stopped = Instant.now();
		kafka.stop();
		count(Fault.FaultKind.BROKER_RESTART);
		try {
			Thread.sleep(restart.down().toMillis());
		}
		finally {
			kafka.restart();
		}
		this.console
			.line("fault: Kafka broker back after " + Supervisor.seconds(Duration.between(stopped, Instant.now())));
	}

	private void stopDatabase(Fault.StopDatabase outage) throws InterruptedException {
		PostgresServer postgres = this.stack.postgres();
		this.console.line("fault: stopping PostgreSQL for " + outage.down().toSeconds() + " s");
		Instant from = Instant.now();
		try {
			postgres.stop();
			count(Fault.FaultKind.DATABASE_OUTAGE);
			Thread.sleep(outage.down().toMillis());
		}
		finally {
			try {
				postgres.start();
			}
			finally {
				this.databaseOutages.add(new Reconciliation.Window(from, Instant.now()));
			}
		}
		this.console.line("fault: PostgreSQL back after " + Supervisor.seconds(Duration.between(from, Instant.now())));
	}

	private void injectPoison(PoisonRecord poison) throws InterruptedException {
		String key = poison.newKey();
		this.uncertainPoisonKeys.add(key);
		try {
			this.producer.send(new ProducerRecord<>(ORDERS_TOPIC, key, poison.value()))
				.get(POISON_SEND_TIMEOUT.toMillis() + 10_000, TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException | KafkaException ex) {
			this.failures.add("poison record " + poison.label() + " (key " + key + "): " + ex);
			this.console
				.line("fault FAILED: poison record " + poison.label() + " not acknowledged: " + ex.getMessage());
			return;
		}
		this.uncertainPoisonKeys.remove(key);
		this.poisonKeys.add(key);
		count(Fault.FaultKind.POISON_RECORD);
		this.console.line("fault: poison record " + poison.label() + " (key " + key + ")");
	}

	private void sendMalformed(Fault.SendMalformed malformed) throws InterruptedException {
		List<String> apis = this.stack.apiUrls();
		MalformedRequest kind = malformed.request();
		Instant deadline = Instant.now().plus(MALFORMED_DEADLINE);
		HttpLog.Exchange answer;
		for (int attempt = 0;; attempt++) {
			// A replica that does not answer (restarting) cannot judge the request: ask
			// the next one.
			answer = send(kind, apis.get((malformed.api() + attempt) % apis.size()));
			this.log.add(answer);
			if (answer.status() != HttpLog.NO_ANSWER || Instant.now().isAfter(deadline)) {
				break;
			}
			Thread.sleep(1000);
		}
		this.malformedAnswers.add(answer);
		count(Fault.FaultKind.MALFORMED_REQUEST);
		if (answer.status() < 400 || answer.status() > 499) {
			this.console.line("malformed request '" + kind.label() + "' to " + answer.api() + " got "
					+ HttpLog.describe(answer.status()) + ", not a 4xx");
		}
	}

	private HttpLog.Exchange send(MalformedRequest kind, String api) throws InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + "/orders"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", kind.contentType())
			.POST(HttpRequest.BodyPublishers.ofString(kind.body()));
		if (kind.authenticated()) {
			request.header("X-API-Key", this.stack.apiKey());
		}
		if (kind.idempotencyKey() != null) {
			request.header("Idempotency-Key", kind.idempotencyKey());
		}
		Instant sent = Instant.now();
		int status;
		try {
			status = this.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			status = HttpLog.NO_ANSWER;
		}
		return new HttpLog.Exchange(sent, Instant.now(), api, kind.label(), status);
	}

	private synchronized void count(Fault.FaultKind kind) {
		this.injected.merge(kind, 1, Integer::sum);
	}

}

package io.orderflow.localrun;

import io.orderflow.infrastructure.BindAddress;
import io.orderflow.infrastructure.Database;
import io.orderflow.infrastructure.DemoInventory;
import io.orderflow.infrastructure.FreePorts;
import io.orderflow.infrastructure.KafkaBroker;
import io.orderflow.infrastructure.LocalFiles;
import io.orderflow.infrastructure.PostgresServer;
import io.orderflow.infrastructure.ServiceProcess;
import io.orderflow.infrastructure.ServiceSpec;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The whole system on one machine: a Kafka broker, PostgreSQL, N api-service replicas and
 * N workers, each in its own JVM, supervised so that a crashed service is restarted. An
 * existing broker or database is used when the environment names one.
 */
public final class LocalStack implements AutoCloseable {

	private static final Duration SERVICE_STOP_TIMEOUT = Duration.ofSeconds(40);

	/** Most api replicas: replica 11 would take replica 1's management port. */
	static final int MAX_APIS = 10;

	/** Workers take the ports after the first api's; the second api is 100 above it. */
	static final int MAX_WORKERS = 99;

	private final PrintStream out;

	private final Consumer<String> report;

	private final List<SupervisedService> services = new ArrayList<>();

	private Supervisor supervisor;

	private KafkaBroker kafka;

	private PostgresServer postgres;

	private String apiKey;

	private Database database;

	private String bootstrapServers;

	private LocalStack(PrintStream out, Consumer<String> report) {
		this.out = out;
		this.report = report;
	}

	/**
	 * Settings of a local run.
	 *
	 * @param home the repository root, holding the built service jars
	 * @param workers number of worker processes
	 * @param apis number of api-service replicas; they share one outbox, each runs a
	 * relay
	 * @param apiPort HTTP port of the first api replica; the scheme around it is in
	 * {@link #apiPort(int)}, {@link #apiManagementPort(int)} and {@link #workerPort(int)}
	 * @param kafkaPort port of the broker this stack starts
	 * @param bindAddress the only address the services listen on (Kafka and PostgreSQL
	 * stay on 127.0.0.1)
	 * @param workDirectory where the broker, the database and the logs keep their files
	 * @param ownInfrastructure start a broker and an embedded PostgreSQL even when the
	 * environment names existing ones: for runs that stop them
	 * @param apiEnvironment further environment of the api replicas
	 * @param workerEnvironment further environment of the workers
	 * @param postgresConfig server settings of an embedded PostgreSQL this stack starts,
	 * such as {@code fsync=on} (zonky turns it off); an existing database keeps its own
	 */
	public record Settings(Path home, int workers, int apis, int apiPort, int kafkaPort, String bindAddress,
			Path workDirectory, boolean ownInfrastructure, Map<String, String> apiEnvironment,
			Map<String, String> workerEnvironment, Map<String, String> postgresConfig) {

		public Settings {
			if (workers < 1 || workers > MAX_WORKERS) {
				throw new IllegalArgumentException("--workers must be 1 to " + MAX_WORKERS + ", got " + workers);
			}
			if (apis < 1 || apis > MAX_APIS) {
				throw new IllegalArgumentException("--apis must be 1 to " + MAX_APIS + ", got " + apis);
			}
			int highest = apiPort + portOffsets(workers, apis).stream().max(Integer::compare).orElseThrow();
			if (apiPort < 1 || highest > 65535) {
				throw new IllegalArgumentException("--api-port " + apiPort + " leaves no room for " + apis
						+ " api(s): their ports go up to " + highest);
			}
			if (kafkaPort < 1 || kafkaPort > 65535) {
				throw new IllegalArgumentException("--kafka-port must be 1 to 65535, got " + kafkaPort);
			}
			apiEnvironment = Map.copyOf(apiEnvironment);
			workerEnvironment = Map.copyOf(workerEnvironment);
			postgresConfig = Map.copyOf(postgresConfig);
		}

		/**
		 * {@code ./orderflow up}: files in {@code .orderflow/}, infrastructure from the
		 * environment if named.
		 */
		Settings(Path home, int workers, int apis, int apiPort, int kafkaPort, String bindAddress) {
			this(home, workers, apis, apiPort, kafkaPort, bindAddress, home.resolve(".orderflow"), false, Map.of(),
					Map.of(), Map.of());
		}

		/**
		 * A stack of its own on free loopback ports with its own broker and embedded
		 * PostgreSQL, for a chaos run or a test, so it neither disturbs nor is disturbed
		 * by a running one.
		 */
		public static Settings ownStack(Path home, int workers, int apis, Path workDirectory,
				Map<String, String> workerEnvironment) {
			return new Settings(home, workers, apis, FreePorts.findBase(portOffsets(workers, apis)), FreePorts.find(),
					BindAddress.LOOPBACK, workDirectory, true, Map.of(), workerEnvironment, Map.of());
		}

		/**
		 * As given, but with the broker and database the environment names, if it names
		 * them.
		 */
		public Settings withEnvironmentInfrastructure() {
			return new Settings(this.home, this.workers, this.apis, this.apiPort, this.kafkaPort, this.bindAddress,
					this.workDirectory, false, this.apiEnvironment, this.workerEnvironment, this.postgresConfig);
		}

		/**
		 * As given, but an embedded PostgreSQL that this stack starts runs with
		 * {@code config} as further server settings.
		 */
		public Settings withPostgresConfig(Map<String, String> config) {
			return new Settings(this.home, this.workers, this.apis, this.apiPort, this.kafkaPort, this.bindAddress,
					this.workDirectory, this.ownInfrastructure, this.apiEnvironment, this.workerEnvironment, config);
		}

		/**
		 * As given, but the api replicas run with {@code environment} on top of theirs.
		 */
		public Settings withApiEnvironment(Map<String, String> environment) {
			return new Settings(this.home, this.workers, this.apis, this.apiPort, this.kafkaPort, this.bindAddress,
					this.workDirectory, this.ownInfrastructure, environment, this.workerEnvironment,
					this.postgresConfig);
		}

		/** HTTP port of api replica {@code replica} (1-based): 100 apart. */
		int apiPort(int replica) {
			return this.apiPort + 100 * (replica - 1);
		}

		/** Actuator port of api replica {@code replica}: its HTTP port + 1000. */
		int apiManagementPort(int replica) {
			return apiPort(replica) + 1000;
		}

		/**
		 * Port of worker {@code index} (1-based, HTTP and actuator): right after the
		 * first api's.
		 */
		int workerPort(int index) {
			return this.apiPort + index;
		}

		/** Every service port relative to the first api's. */
		static List<Integer> portOffsets(int workers, int apis) {
			List<Integer> offsets = new ArrayList<>();
			for (int replica = 1; replica <= apis; replica++) {
				offsets.add(100 * (replica - 1));
				offsets.add(100 * (replica - 1) + 1000);
			}
			for (int worker = 1; worker <= workers; worker++) {
				offsets.add(worker);
			}
			return offsets;
		}

	}

	public static LocalStack start(Settings settings, PrintStream out) {
		return start(settings, out, out::println);
	}

	/**
	 * As above; {@code report} receives the supervisor's lines (restarts, crash loop).
	 */
	public static LocalStack start(Settings settings, PrintStream out, Consumer<String> report) {
		LocalStack stack = new LocalStack(out, report);
		try {
			stack.startAll(settings);
			return stack;
		}
		catch (RuntimeException ex) {
			stack.close();
			throw ex;
		}
	}

	/** The first api replica's URL. */
	public String apiUrl() {
		return apiUrls().get(0);
	}

	public List<String> apiUrls() {
		return this.services.stream().filter((service) -> !service.isWorker()).map(SupervisedService::url).toList();
	}

	public String apiKey() {
		return this.apiKey;
	}

	public Database database() {
		return this.database;
	}

	public String bootstrapServers() {
		return this.bootstrapServers;
	}

	/** The broker this stack started; null when it uses an existing one. */
	public KafkaBroker kafka() {
		return this.kafka;
	}

	/**
	 * The embedded PostgreSQL this stack started; null when it uses an existing database.
	 */
	public PostgresServer postgres() {
		return this.postgres;
	}

	public List<SupervisedService> services() {
		return List.copyOf(this.services);
	}

	public List<SupervisedService> workers() {
		return this.services.stream().filter(SupervisedService::isWorker).toList();
	}

	SupervisedService service(String name) {
		return this.services.stream()
			.filter((service) -> service.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No service " + name));
	}

	public Supervisor supervisor() {
		return this.supervisor;
	}

	/** Completes with the reason when a service is in a crash loop. */
	public CompletableFuture<String> crashLoop() {
		return this.supervisor.crashLoop();
	}

	private void startAll(Settings settings) {
		Path work = settings.workDirectory();
		LocalFiles.deleteRecursively(work.resolve("kafka"));
		LocalFiles.deleteRecursively(work.resolve("postgres"));

		String bootstrapServers = settings.ownInfrastructure() ? null : System.getenv("SPRING_KAFKA_BOOTSTRAP_SERVERS");
		if (bootstrapServers == null || bootstrapServers.isBlank()) {
			if (!FreePorts.isFree(settings.kafkaPort())) {
				throw new IllegalStateException(
						"Port " + settings.kafkaPort() + " is in use: is another stack running? "
								+ "Set SPRING_KAFKA_BOOTSTRAP_SERVERS to use an existing broker.");
			}
			this.out.println("Starting Kafka broker (KRaft) ...");
			this.kafka = KafkaBroker.start(work.resolve("kafka"), settings.kafkaPort());
			bootstrapServers = this.kafka.bootstrapServers();
		}

		Database database = settings.ownInfrastructure() ? null : Database.fromEnvironment().orElse(null);
		if (database == null) {
			this.out.println("Starting embedded PostgreSQL ...");
			this.postgres = PostgresServer.embedded(work.resolve("postgres"), 0, settings.postgresConfig());
			database = this.postgres.createDatabase("orderflow");
		}
		this.database = database;
		this.bootstrapServers = bootstrapServers;
		DemoInventory.migrate(database);
		if (DemoInventory.seedIfEmpty(database)) {
			this.out.printf("Seeded demo stock: %s..%s with %,d units each, %s with %d units%n",
					DemoInventory.regularSku(1), DemoInventory.regularSku(DemoInventory.REGULAR_SKUS),
					DemoInventory.REGULAR_STOCK, DemoInventory.SCARCE_SKU, DemoInventory.SCARCE_STOCK);
		}

		Map<String, String> environment = new HashMap<>();
		environment.put("SPRING_DATASOURCE_URL", database.jdbcUrl());
		environment.put("SPRING_DATASOURCE_USERNAME", database.username());
		environment.put("SPRING_DATASOURCE_PASSWORD", database.password());
		environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);

		Path logs = work.resolve("logs");
		this.apiKey = ApiKey.forLocalRun(work);
		Map<String, String> apiEnvironment = new HashMap<>(environment);
		apiEnvironment.putAll(settings.apiEnvironment());
		apiEnvironment.put("ORDERFLOW_SECURITY_APIKEYS_LOCAL", this.apiKey);
		this.out.println(
				"Starting " + settings.apis() + " api-service replica(s) and " + settings.workers() + " worker(s) ...");
		Path apiJar = serviceJar(settings.home(), "api-service");
		for (int replica = 1; replica <= settings.apis(); replica++) {
			// Its logs' service.node.name and its metrics' instance tag (HOSTNAME in a
			// container).
			Map<String, String> replicaEnvironment = new HashMap<>(apiEnvironment);
			replicaEnvironment.put("ORDERFLOW_INSTANCE_ID", "api-" + replica);
			this.services
				.add(SupervisedService.start(new ServiceSpec("api-" + replica, apiJar, settings.apiPort(replica),
						settings.apiManagementPort(replica), settings.bindAddress(), replicaEnvironment, logs)));
		}
		Path workerJar = serviceJar(settings.home(), "worker-service");
		for (int i = 1; i <= settings.workers(); i++) {
			Map<String, String> workerEnvironment = new HashMap<>(environment);
			workerEnvironment.putAll(settings.workerEnvironment());
			workerEnvironment.put("ORDERFLOW_WORKER_INSTANCE_ID", "worker-" + i);
			this.services.add(SupervisedService.start(new ServiceSpec("worker-" + i, workerJar, settings.workerPort(i),
					settings.workerPort(i), settings.bindAddress(), workerEnvironment, logs)));
		}
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		for (SupervisedService service : this.services) {
			service.current().awaitHealthy(http);
		}
		this.supervisor = new Supervisor(this.services, RestartPolicy.STANDARD, Clock.systemUTC(), this.report,
				(service) -> display(settings.home(), service.logFile()));
		this.supervisor.start();

		this.out.println();
		this.out.printf("orderflow is up, listening on %s only (Kafka and PostgreSQL on 127.0.0.1):%n",
				settings.bindAddress());
		this.out.printf("  kafka       %s%s%n", bootstrapServers, (this.kafka != null) ? "" : " (existing)");
		this.out.printf("  postgres    %s (user %s)%s%n", database.jdbcUrl(), database.username(),
				(this.postgres != null) ? "" : " (existing)");
		for (SupervisedService service : this.services) {
			this.out.printf("  %-11s %s  (health %s/actuator/health, log %s)%n", service.name(), service.url(),
					service.managementUrl(), display(settings.home(), service.logFile()));
		}
		this.out.printf("  api key     %s  (header X-API-Key; also in %s)%n", this.apiKey,
				display(settings.home(), ApiKey.file(work)));
	}

	/**
	 * Until the returned guard is closed, a JVM shutdown (Ctrl-C, SIGTERM) closes this
	 * stack too, so no service, broker or PostgreSQL process is left behind.
	 */
	public ShutdownGuard closeOnShutdown(String name) {
		Thread hook = new Thread(this::close, name);
		Runtime.getRuntime().addShutdownHook(hook);
		return () -> {
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			}
			catch (IllegalStateException ex) {
				// The JVM is shutting down already: the hook runs.
			}
		};
	}

	/** Removes a shutdown hook; closing it throws nothing. */
	@FunctionalInterface
	public interface ShutdownGuard extends AutoCloseable {

		@Override
		void close();

	}

	@Override
	public void close() {
		if (this.supervisor != null) {
			this.supervisor.close();
		}
		// SIGTERM to all first, so they shut down gracefully side by side; then wait for
		// each.
		List<ServiceProcess> stopping = this.services.stream().map(SupervisedService::terminate).toList();
		stopping.forEach((process) -> process.stop(SERVICE_STOP_TIMEOUT));
		this.services.clear();
		if (this.kafka != null) {
			this.kafka.stop();
			this.kafka = null;
		}
		if (this.postgres != null) {
			this.postgres.close();
			this.postgres = null;
		}
	}

	/**
	 * A path relative to the repository root when it is inside it, as the user typed the
	 * command there.
	 */
	public static String display(Path home, Path file) {
		Path absolute = file.toAbsolutePath().normalize();
		Path root = home.toAbsolutePath().normalize();
		return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
	}

	private static Path serviceJar(Path home, String module) {
		return LocalFiles.executableJar(home.resolve(module).resolve("target"));
	}

}

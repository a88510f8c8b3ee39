package io.orderflow.localstack;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system on one machine: a Kafka broker, PostgreSQL, the api-service and N workers,
 * each in its own JVM. An existing broker or database is used when the environment names one.
 */
final class LocalStack implements AutoCloseable {

	private static final Duration SERVICE_STOP_TIMEOUT = Duration.ofSeconds(40);

	private final PrintStream out;

	private final List<ServiceProcess> services = new ArrayList<>();

	private KafkaBroker kafka;

	private PostgresServer postgres;

	private String apiKey;

	private Database database;

	private String bootstrapServers;

	private LocalStack(PrintStream out) {
		this.out = out;
	}

	/**
	 * Settings of a local run.
	 *
	 * @param home the repository root, holding the built service jars
	 * @param workers number of worker processes
	 * @param apiPort HTTP port of the api-service
	 * @param kafkaPort port of the broker this stack starts
	 * @param workDirectory where the broker, the database and the logs keep their files
	 */
	record Settings(Path home, int workers, int apiPort, int kafkaPort, Path workDirectory) {

		Settings {
			if (workers < 1) {
				throw new IllegalArgumentException("--workers must be at least 1, got " + workers);
			}
		}

		Settings(Path home, int workers, int apiPort, int kafkaPort) {
			this(home, workers, apiPort, kafkaPort, home.resolve(".orderflow"));
		}

		int workerPort(int index) {
			return this.apiPort + index;
		}

		int apiManagementPort() {
			return this.apiPort + 1000;
		}

	}

	static LocalStack start(Settings settings, PrintStream out) {
		LocalStack stack = new LocalStack(out);
		try {
			stack.startAll(settings);
			return stack;
		}
		catch (RuntimeException ex) {
			stack.close();
			throw ex;
		}
	}

	String apiUrl() {
		return this.services.get(0).url();
	}

	String apiKey() {
		return this.apiKey;
	}

	Database database() {
		return this.database;
	}

	String bootstrapServers() {
		return this.bootstrapServers;
	}

	/** Names of services whose process has exited, for the caller to report. */
	List<ServiceProcess> deadServices() {
		return this.services.stream().filter((service) -> !service.isAlive()).toList();
	}

	private void startAll(Settings settings) {
		Path work = settings.workDirectory();
		LocalFiles.deleteRecursively(work.resolve("kafka"));
		LocalFiles.deleteRecursively(work.resolve("postgres"));

		String bootstrapServers = System.getenv("SPRING_KAFKA_BOOTSTRAP_SERVERS");
		if (bootstrapServers == null || bootstrapServers.isBlank()) {
			if (!FreePorts.isFree(settings.kafkaPort())) {
				throw new IllegalStateException("Port " + settings.kafkaPort() + " is in use: is another stack running? "
						+ "Set SPRING_KAFKA_BOOTSTRAP_SERVERS to use an existing broker.");
			}
			this.out.println("Starting Kafka broker (KRaft) ...");
			this.kafka = KafkaBroker.start(work.resolve("kafka"), settings.kafkaPort());
			bootstrapServers = this.kafka.bootstrapServers();
		}

		Database database = Database.fromEnvironment().orElse(null);
		if (database == null) {
			this.out.println("Starting embedded PostgreSQL ...");
			this.postgres = PostgresServer.embedded(work.resolve("postgres"), 0);
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
		apiEnvironment.put("ORDERFLOW_SECURITY_APIKEYS_LOCAL", this.apiKey);
		this.out.println("Starting api-service and " + settings.workers() + " worker(s) ...");
		this.services.add(ServiceProcess.start("api", serviceJar(settings.home(), "api-service"), settings.apiPort(),
				settings.apiManagementPort(), apiEnvironment, logs));
		for (int i = 1; i <= settings.workers(); i++) {
			Map<String, String> workerEnvironment = new HashMap<>(environment);
			workerEnvironment.put("ORDERFLOW_WORKER_INSTANCE_ID", "worker-" + i);
			this.services.add(ServiceProcess.start("worker-" + i, serviceJar(settings.home(), "worker-service"),
					settings.workerPort(i), workerEnvironment, logs));
		}
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		for (ServiceProcess service : this.services) {
			service.awaitHealthy(http);
		}

		this.out.println();
		this.out.println("orderflow is up:");
		this.out.printf("  kafka       %s%s%n", bootstrapServers, (this.kafka != null) ? "" : " (existing)");
		this.out.printf("  postgres    %s (user %s)%s%n", database.jdbcUrl(), database.username(),
				(this.postgres != null) ? "" : " (existing)");
		for (ServiceProcess service : this.services) {
			this.out.printf("  %-11s %s  (health %s/actuator/health, log %s)%n", service.name(), service.url(),
					service.managementUrl(), settings.home().relativize(service.logFile()));
		}
		this.out.printf("  api key     %s  (header X-API-Key; also in %s)%n", this.apiKey,
				settings.home().relativize(ApiKey.file(work)));
	}

	@Override
	public void close() {
		List<ServiceProcess> running = new ArrayList<>(this.services);
		// Workers first, so they finish their records while the api stops taking new ones.
		running.sort(Comparator.comparing((ServiceProcess service) -> service.name().equals("api")));
		running.parallelStream().forEach((service) -> service.stop(SERVICE_STOP_TIMEOUT));
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

	private static Path serviceJar(Path home, String module) {
		return LocalFiles.executableJar(home.resolve(module).resolve("target"));
	}

}

package io.orderflow.testsupport;

import io.orderflow.infrastructure.Database;
import io.orderflow.infrastructure.KafkaBroker;
import io.orderflow.infrastructure.PostgresServer;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One Kafka broker and one PostgreSQL server per JVM, shared by all integration tests in
 * it. Each test takes its own database from {@link #newDatabase()} and its own topic
 * names, so tests stay independent while paying for the infrastructure once.
 */
public final class TestInfrastructure {

	/** The API key of client {@code tester} in {@link #isolatedSpringProperties()}. */
	public static final String TEST_API_KEY = "tester-key-0123456789abcdef";

	private static TestInfrastructure shared;

	private final KafkaBroker kafka;

	private final PostgresServer postgres;

	private TestInfrastructure(KafkaBroker kafka, PostgresServer postgres) {
		this.kafka = kafka;
		this.postgres = postgres;
	}

	/**
	 * The infrastructure of this JVM, started on first use and stopped when the JVM
	 * exits.
	 */
	public static synchronized TestInfrastructure shared() {
		if (shared == null) {
			Path work = workDirectory().resolve("infra-" + ProcessHandle.current().pid());
			PostgresServer postgres = PostgresServer.fromEnvironmentOrEmbedded(work.resolve("postgres"));
			KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka"), 0);
			shared = new TestInfrastructure(kafka, postgres);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				kafka.close();
				postgres.close();
			}, "local-infrastructure-shutdown"));
		}
		return shared;
	}

	/**
	 * Directory for the files of child processes: {@code orderflow.work-dir}, or the temp
	 * dir.
	 */
	public static Path workDirectory() {
		return Path.of(System.getProperty("orderflow.work-dir", System.getProperty("java.io.tmpdir") + "/orderflow"));
	}

	public KafkaBroker kafka() {
		return this.kafka;
	}

	public PostgresServer postgres() {
		return this.postgres;
	}

	/** A new, empty database on the shared server. */
	public Database newDatabase() {
		return this.postgres.createDatabase("test_" + uniqueSuffix());
	}

	/**
	 * Spring properties for one isolated application (or group of applications): the
	 * shared broker, a new database, and an orders topic and consumer group of its own.
	 */
	public Map<String, String> isolatedSpringProperties() {
		return isolatedSpringProperties(newDatabase());
	}

	/** As {@link #isolatedSpringProperties()}, with a database the caller provides. */
	public Map<String, String> isolatedSpringProperties(Database database) {
		String suffix = uniqueSuffix();
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.kafka.bootstrap-servers", this.kafka.bootstrapServers());
		properties.put("spring.datasource.url", database.jdbcUrl());
		properties.put("spring.datasource.username", database.username());
		properties.put("spring.datasource.password", database.password());
		properties.put("orderflow.topics.orders", "orders-" + suffix);
		properties.put("spring.kafka.consumer.group-id", "orderflow-workers-" + suffix);
		properties.put("orderflow.security.api-keys.tester", TEST_API_KEY);
		return properties;
	}

	private static String uniqueSuffix() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
	}

}

package io.orderflow.benchmarks.outbox;

import io.orderflow.infrastructure.SpringProperties;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.orderflow.api.ApiApplication;
import io.orderflow.infrastructure.Database;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * One outbox implementation under test: its own Spring application context, database
 * (created fresh and migrated with the project's Flyway migrations) and topic, on the
 * shared broker and PostgreSQL server, with the api-service's configuration file
 * ({@code orderflow-api.yml}), so both send with the api's producer settings. A
 * {@link DeliveryProbe} watches its topic.
 */
final class Contender implements AutoCloseable {

	/** The two implementations. */
	enum Kind {

		RELAY("orderflow relay", "relay", RelayContenderConfiguration.class,
				"select 'unpublished' as status, count(*) as size from outbox where published_at is null", Map.of()),

		MODULITH("Spring Modulith", "modulith", ModulithContenderConfiguration.class,
				"select coalesce(status, 'NULL') as status, count(*) as size from event_publication"
						+ " where completion_date is null group by status order by status",
				Map.of("spring.modulith.events.jdbc.schema-initialization.enabled", "true",
						// Modulith's Kafka JSON support renders the value to bytes
						// itself, and
						// needs the byte[] serializer it defaults to instead of the api's
						// JSON one.
						"spring.kafka.producer.value-serializer", ByteArraySerializer.class.getName(),
						// Modulith has no health contributors to put in place of the
						// outbox's and the relay's.
						"management.endpoint.health.group.readiness.include", "readinessState,db",
						"management.endpoint.health.group.liveness.include", "livenessState"));

		private final String label;

		private final String slug;

		private final Class<?> configuration;

		private final String backlogQuery;

		private final Map<String, String> properties;

		Kind(String label, String slug, Class<?> configuration, String backlogQuery, Map<String, String> properties) {
			this.label = label;
			this.slug = slug;
			this.configuration = configuration;
			this.backlogQuery = backlogQuery;
			this.properties = properties;
		}

		String label() {
			return this.label;
		}

	}

	private final Kind kind;

	private final Database database;

	private final ConfigurableApplicationContext context;

	private final OrderTransaction orders;

	private final DeliveryProbe probe;

	private Contender(Kind kind, Database database, ConfigurableApplicationContext context, DeliveryProbe probe) {
		this.kind = kind;
		this.database = database;
		this.context = context;
		this.orders = context.getBean(OrderTransaction.class);
		this.probe = probe;
	}

	/**
	 * Creates the contender's database and starts its application context.
	 * @param kind which implementation
	 * @param infrastructure the shared broker and server
	 * @param overrides further Spring properties of this contender, for experiments
	 */
	static Contender start(Kind kind, SharedInfrastructure infrastructure, Map<String, String> overrides) {
		String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		Database database = infrastructure.postgres().createDatabase("outbox_bench_" + kind.slug + "_" + suffix);
		ServerCounters.requireDurableCommits(database);
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.kafka.bootstrap-servers", infrastructure.bootstrapServers());
		properties.put("spring.datasource.url", database.jdbcUrl());
		properties.put("spring.datasource.username", database.username());
		properties.put("spring.datasource.password", database.password());
		properties.put("orderflow.topics.orders", "outbox-bench-" + kind.slug + "-" + suffix);
		properties.put("logging.level.root", "WARN");
		// The outage scenario makes every send fail for a while; its report says what
		// happened.
		properties.put("logging.level.org.apache.kafka", "ERROR");
		properties.put("logging.level.io.orderflow.api.outbox", "ERROR");
		properties.put("logging.level.org.springframework.kafka.support.LoggingProducerListener", "OFF");
		properties.put("logging.level.org.springframework.transaction.event", "OFF");
		properties.put("logging.level.org.springframework.modulith.events", "OFF");
		properties.putAll(kind.properties);
		properties.putAll(overrides);
		SpringApplication application = new SpringApplication(kind.configuration);
		application.setDefaultProperties(ApiApplication.DEFAULTS);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		ConfigurableApplicationContext context = application.run(SpringProperties.asArguments(properties));
		try {
			DeliveryProbe probe = DeliveryProbe.start(properties.get("spring.kafka.bootstrap-servers"),
					properties.get("orderflow.topics.orders"));
			return new Contender(kind, database, context, probe);
		}
		catch (RuntimeException ex) {
			context.close();
			throw ex;
		}
	}

	Kind kind() {
		return this.kind;
	}

	String label() {
		return this.kind.label();
	}

	Database database() {
		return this.database;
	}

	DeliveryProbe probe() {
		return this.probe;
	}

	/**
	 * Stores and queues one order in one transaction; returns the
	 * {@link System#nanoTime()} of its commit.
	 */
	long submit(UUID orderId) {
		return this.orders.run(orderId);
	}

	/** The value of a Spring property in the contender's context, or {@code fallback}. */
	String setting(String name, String fallback) {
		return this.context.getEnvironment().getProperty(name, fallback);
	}

	/**
	 * Core threads of the executor that runs asynchronous listeners (Modulith's
	 * externalizer), or -1.
	 */
	int asyncExecutorThreads() {
		ThreadPoolTaskExecutor executor = this.context.getBeanProvider(ThreadPoolTaskExecutor.class).getIfUnique();
		return (executor != null) ? executor.getCorePoolSize() : -1;
	}

	/** Orders stored but not yet marked as published (relay) or completed (Modulith). */
	long backlog() {
		return backlogByStatus().values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * The backlog by the contender's own status of a waiting order (Modulith's
	 * publication states).
	 */
	Map<String, Long> backlogByStatus() {
		Map<String, Long> backlog = new LinkedHashMap<>();
		JdbcClient.create(this.database.dataSource())
			.sql(this.kind.backlogQuery)
			.query((rs, row) -> Map.entry(rs.getString("status"), rs.getLong("size")))
			.list()
			.forEach((status) -> backlog.put(status.getKey(), status.getValue()));
		backlog.values().removeIf((size) -> size == 0);
		return backlog;
	}

	/**
	 * Resubmits failed publications once, with Modulith's default options, as a scheduled
	 * job of the application would have to: Modulith retries nothing by itself. Modulith
	 * only.
	 */
	void resubmitFailed() {
		if (this.kind != Kind.MODULITH) {
			throw new IllegalStateException(label() + " has no resubmission");
		}
		this.context.getBean(FailedEventPublications.class).resubmit(ResubmissionOptions.defaults());
	}

	@Override
	public void close() {
		try {
			this.probe.close();
		}
		finally {
			this.context.close();
		}
	}

}

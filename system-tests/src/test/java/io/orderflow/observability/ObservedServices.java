package io.orderflow.observability;

import io.orderflow.infrastructure.SpringProperties;

import java.util.HashMap;
import java.util.Map;

import io.orderflow.api.ApiApplication;
import io.orderflow.infrastructure.Database;
import io.orderflow.infrastructure.DemoInventory;
import io.orderflow.testsupport.TestInfrastructure;
import io.orderflow.worker.WorkerApplication;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An api and a worker on a database and topics of their own, on the shared broker and
 * PostgreSQL, each with its management port, for tests that look at them from outside.
 */
final class ObservedServices implements AutoCloseable {

	/**
	 * The worker runs as in its own jar: the api's Spring Security on this shared
	 * classpath is not the worker's.
	 */
	static final String WORKER_WITHOUT_SECURITY = String.join(",",
			"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration");

	private final Map<String, String> properties;

	private final JdbcClient jdbc;

	private final ConfigurableApplicationContext worker;

	private final ConfigurableApplicationContext api;

	private ObservedServices(Map<String, String> properties, JdbcClient jdbc, ConfigurableApplicationContext worker,
			ConfigurableApplicationContext api) {
		this.properties = properties;
		this.jdbc = jdbc;
		this.worker = worker;
		this.api = api;
	}

	/** Starts both, with {@code overrides} on top of the isolated properties. */
	static ObservedServices start(Map<String, String> overrides) {
		return start(overrides, (properties) -> {
		});
	}

	/**
	 * As above; {@code beforeStart} gets the properties both will run with first, e.g. to
	 * create their topics with settings of its own.
	 */
	static <E extends Exception> ObservedServices start(Map<String, String> overrides, BeforeStart<E> beforeStart)
			throws E {
		TestInfrastructure infrastructure = TestInfrastructure.shared();
		Database database = infrastructure.newDatabase();
		DemoInventory.migrate(database);
		DemoInventory.seedIfEmpty(database);
		Map<String, String> properties = new HashMap<>(infrastructure.isolatedSpringProperties(database));
		properties.put("server.port", "0");
		properties.put("management.server.port", "0");
		properties.putAll(overrides);
		beforeStart.prepare(Map.copyOf(properties));
		Map<String, String> workerProperties = new HashMap<>(properties);
		workerProperties.put("spring.autoconfigure.exclude", WORKER_WITHOUT_SECURITY);
		ConfigurableApplicationContext worker = WorkerApplication.application()
			.run(SpringProperties.asArguments(workerProperties));
		ConfigurableApplicationContext api = null;
		try {
			api = ApiApplication.application().run(SpringProperties.asArguments(properties));
		}
		finally {
			if (api == null) {
				worker.close();
			}
		}
		return new ObservedServices(properties, JdbcClient.create(database.dataSource()), worker, api);
	}

	String property(String name) {
		return this.properties.get(name);
	}

	JdbcClient jdbc() {
		return this.jdbc;
	}

	String apiUrl() {
		return url(this.api, "local.server.port");
	}

	String apiManagementUrl() {
		return url(this.api, "local.management.port");
	}

	String workerManagementUrl() {
		return url(this.worker, "local.management.port");
	}

	private static String url(ConfigurableApplicationContext context, String portProperty) {
		return "http://127.0.0.1:" + context.getEnvironment().getProperty(portProperty);
	}

	/** What a test does before the services start. */
	@FunctionalInterface
	interface BeforeStart<E extends Exception> {

		void prepare(Map<String, String> properties) throws E;

	}

	@Override
	public void close() {
		try {
			this.api.close();
		}
		finally {
			this.worker.close();
		}
	}

}

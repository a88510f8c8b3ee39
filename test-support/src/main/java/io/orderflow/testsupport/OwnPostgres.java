package io.orderflow.testsupport;

import java.util.Map;
import java.util.UUID;

import io.orderflow.infrastructure.Database;
import io.orderflow.infrastructure.PostgresServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An embedded PostgreSQL server of one test class's own, for tests that stop and start
 * their database: the shared server must stay up for every other test in the JVM.
 * Register it as a static {@code @RegisterExtension} field; it starts on first use (from
 * a {@code @DynamicPropertySource} method, say) and stops after the class.
 */
public final class OwnPostgres implements AfterAllCallback {

	private final String name;

	private PostgresServer server;

	private Database database;

	/**
	 * @param name prefix of the server's work directory
	 */
	public OwnPostgres(String name) {
		this.name = name;
	}

	/** The database {@code orderflow} on this server. */
	public synchronized Database database() {
		if (this.server == null) {
			this.server = PostgresServer
				.embedded(TestInfrastructure.workDirectory().resolve(this.name + "-" + UUID.randomUUID()), 0);
			this.database = this.server.createDatabase("orderflow");
		}
		return this.database;
	}

	/**
	 * Spring properties for the class's application: the shared broker, this server's
	 * database, and a topic and consumer group of its own.
	 */
	public Map<String, String> springProperties() {
		return TestInfrastructure.shared().isolatedSpringProperties(database());
	}

	/**
	 * Stops the server, as an outage does; {@link #start()} brings it back on the same
	 * port.
	 */
	public void stop() {
		server().stop();
	}

	public void start() {
		server().start();
	}

	private synchronized PostgresServer server() {
		database();
		return this.server;
	}

	@Override
	public synchronized void afterAll(ExtensionContext context) {
		if (this.server != null) {
			this.server.close();
		}
	}

}

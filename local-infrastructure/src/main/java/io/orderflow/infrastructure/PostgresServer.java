package io.orderflow.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server: the one named by {@code SPRING_DATASOURCE_URL} when that is set,
 * otherwise a real PostgreSQL started from the binaries that zonky ships in Maven
 * artifacts.
 */
public final class PostgresServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);

	private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

	private final Database maintenance;

	private final Path dataDirectory;

	private final int port;

	private final Map<String, String> serverConfig;

	private EmbeddedPostgres embedded;

	private PostgresServer(Database maintenance, Path dataDirectory, int port, Map<String, String> serverConfig) {
		this.maintenance = maintenance;
		this.dataDirectory = dataDirectory;
		this.port = port;
		this.serverConfig = Map.copyOf(serverConfig);
	}

	/**
	 * The server named by {@code SPRING_DATASOURCE_URL} ({@code _USERNAME},
	 * {@code _PASSWORD}) if set, otherwise an embedded server with its data under
	 * {@code directory}.
	 */
	public static PostgresServer fromEnvironmentOrEmbedded(Path directory) {
		return Database.fromEnvironment().map(PostgresServer::external).orElseGet(() -> embedded(directory, 0));
	}

	/**
	 * A server that runs elsewhere; {@code database} is used to create further databases.
	 */
	public static PostgresServer external(Database database) {
		return new PostgresServer(database, null, -1, Map.of());
	}

	/**
	 * Starts an embedded server on {@code port} (0 picks a free one) with its data under
	 * {@code directory}.
	 */
	public static PostgresServer embedded(Path directory, int port) {
		return embedded(directory, port, Map.of());
	}

	/**
	 * As {@link #embedded(Path, int)}, with further server settings: for example
	 * {@code fsync=on}, which zonky turns off (and {@code synchronous_commit}, which it
	 * sets to {@code off}).
	 */
	public static PostgresServer embedded(Path directory, int port, Map<String, String> serverConfig) {
		int serverPort = (port != 0) ? port : FreePorts.find();
		PostgresServer server = new PostgresServer(
				new Database("jdbc:postgresql://127.0.0.1:" + serverPort + "/postgres", "postgres", ""),
				directory.resolve("pgdata"), serverPort, serverConfig);
		server.start();
		return server;
	}

	public boolean isEmbedded() {
		return this.dataDirectory != null;
	}

	/** Starts a stopped embedded server again, with the same port and data. */
	public synchronized void start() {
		requireEmbedded();
		if (this.embedded != null) {
			return;
		}
		try {
			Files.createDirectories(this.dataDirectory.getParent());
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setPort(this.port)
				.setDataDirectory(this.dataDirectory)
				.setCleanDataDirectory(false)
				.setRegisterShutdownHook(true)
				.setPGStartupWait(Duration.ofSeconds(60))
				.setServerConfig("max_connections", "300")
				// zonky leaves listen_addresses at PostgreSQL's default, localhost, which
				// may include ::1;
				// the JDBC URLs name 127.0.0.1, and nothing else may reach the server.
				.setServerConfig("listen_addresses", "127.0.0.1");
			this.serverConfig.forEach(builder::setServerConfig);
			this.embedded = builder.start();
			log.info("Embedded PostgreSQL ready on port {} (data in {})", this.port, this.dataDirectory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start embedded PostgreSQL in " + this.dataDirectory, ex);
		}
	}

	/** Stops the embedded server, keeping its data for {@link #start()}. */
	public synchronized void stop() {
		requireEmbedded();
		if (this.embedded == null) {
			return;
		}
		try {
			this.embedded.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot stop embedded PostgreSQL on port " + this.port, ex);
		}
		finally {
			this.embedded = null;
		}
	}

	/**
	 * Creates the database {@code name} unless it exists, and returns where to reach it.
	 */
	public Database createDatabase(String name) {
		if (!DATABASE_NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("Database name '" + name + "' must match " + DATABASE_NAME);
		}
		try (Connection connection = this.maintenance.dataSource().getConnection()) {
			boolean exists;
			try (PreparedStatement query = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
				query.setString(1, name);
				try (ResultSet rows = query.executeQuery()) {
					exists = rows.next();
				}
			}
			if (!exists) {
				// DDL takes no bind parameters; the name was validated against
				// DATABASE_NAME above.
				try (Statement statement = connection.createStatement()) {
					statement.execute("create database \"" + name + "\"");
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create database '" + name + "' on " + this.maintenance.jdbcUrl(),
					ex);
		}
		return new Database(withDatabaseName(this.maintenance.jdbcUrl(), name), this.maintenance.username(),
				this.maintenance.password());
	}

	@Override
	public void close() {
		if (isEmbedded()) {
			stop();
		}
	}

	/**
	 * Replaces the database name in a {@code jdbc:postgresql://host:port/name?params}
	 * URL.
	 */
	static String withDatabaseName(String jdbcUrl, String name) {
		int hostStart = jdbcUrl.indexOf("//");
		if (!jdbcUrl.startsWith("jdbc:postgresql:") || hostStart < 0) {
			throw new IllegalArgumentException("Not a jdbc:postgresql://host/database URL: " + jdbcUrl);
		}
		int pathStart = jdbcUrl.indexOf('/', hostStart + 2);
		int query = jdbcUrl.indexOf('?', hostStart + 2);
		String hosts = jdbcUrl.substring(0, (pathStart >= 0) ? pathStart : (query >= 0) ? query : jdbcUrl.length());
		String params = (query >= 0) ? jdbcUrl.substring(query) : "";
		return hosts + "/" + name + params;
	}

	private void requireEmbedded() {
		if (!isEmbedded()) {
			throw new IllegalStateException("PostgreSQL at " + this.maintenance.jdbcUrl() + " is not embedded");
		}
	}

}

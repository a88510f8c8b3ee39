package io.orderflow.infrastructure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker (KRaft, combined broker and controller) running as its own
 * JVM, so a test can stop it, kill it with SIGKILL and start it again on the same ports
 * and data.
 */
public final class KafkaBroker implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

	private static final String CLASSPATH_RESOURCE = "/io/orderflow/kafkabroker/broker.classpath";

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private final Path directory;

	private final int port;

	private final int controllerPort;

	private Process process;

	private KafkaBroker(Path directory, int port, int controllerPort) {
		this.directory = directory;
		this.port = port;
		this.controllerPort = controllerPort;
	}

	/**
	 * Formats storage under {@code directory} and starts a broker on {@code port} (0
	 * picks a free one). Returns once the broker answers an Admin call.
	 */
	public static KafkaBroker start(Path directory, int port) {
		int brokerPort = (port != 0) ? port : FreePorts.find();
		KafkaBroker broker = new KafkaBroker(directory, brokerPort, FreePorts.find());
		broker.format();
		broker.launch();
		return broker;
	}

	public String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	public boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/** The broker's process, while it runs (a restart starts a new one). */
	public synchronized Optional<ProcessHandle> process() {
		return isRunning() ? Optional.of(this.process.toHandle()) : Optional.empty();
	}

	/** Stops the broker with SIGTERM and waits for a controlled shutdown. */
	public synchronized void stop() {
		if (!isRunning()) {
			return;
		}
		this.process.destroy();
		awaitExit(STOP_TIMEOUT);
	}

	/** Kills the broker with SIGKILL, as a crash would. */
	public synchronized void kill() {
		if (!isRunning()) {
			return;
		}
		this.process.destroyForcibly();
		awaitExit(STOP_TIMEOUT);
	}

	/**
	 * Starts a stopped or killed broker again, on the same ports and with the same data.
	 */
	public synchronized void restart() {
		if (isRunning()) {
			throw new IllegalStateException("Kafka broker on " + bootstrapServers() + " is still running");
		}
		launch();
	}

	@Override
	public void close() {
		stop();
	}

	private void format() {
		try {
			Files.createDirectories(this.directory);
			Files.writeString(this.directory.resolve("server.properties"), serverProperties());
			Files.writeString(this.directory.resolve("log4j2.properties"), log4jProperties());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the Kafka broker configuration in " + this.directory, ex);
		}
		List<String> command = javaCommand("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
				"-c", this.directory.resolve("server.properties").toString());
		Process format = startProcess(command, this.directory.resolve("format.log"));
		try {
			if (!format.waitFor(60, TimeUnit.SECONDS)) {
				format.destroyForcibly();
				throw new IllegalStateException(
						"Formatting Kafka storage timed out; see " + this.directory.resolve("format.log"));
			}
			if (format.exitValue() != 0) {
				throw new IllegalStateException("Formatting Kafka storage failed (exit " + format.exitValue() + "): "
						+ tail(this.directory.resolve("format.log")));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while formatting Kafka storage", ex);
		}
	}

	private synchronized void launch() {
		Instant started = Instant.now();
		this.process = startProcess(javaCommand("kafka.Kafka", this.directory.resolve("server.properties").toString()),
				this.directory.resolve("broker.out"));
		awaitReady();
		log.info("Kafka broker ready on {} in {} ms (pid {}, logs in {})", bootstrapServers(),
				Duration.between(started, Instant.now()).toMillis(), this.process.pid(), this.directory);
	}

	private void awaitReady() {
		Instant deadline = Instant.now().plus(READY_TIMEOUT);
		Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				3000, AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
		try (Admin admin = Admin.create(config)) {
			while (true) {
				if (!this.process.isAlive()) {
					throw new IllegalStateException("Kafka broker exited with " + this.process.exitValue()
							+ " during startup: " + tail(this.directory.resolve("broker.out")));
				}
				try {
					admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000))
						.nodes()
						.get(4, TimeUnit.SECONDS);
					return;
				}
				catch (ExecutionException | TimeoutException ex) {
					if (Instant.now().isAfter(deadline)) {
						this.process.destroyForcibly();
						throw new IllegalStateException("Kafka broker not ready on " + bootstrapServers() + " after "
								+ READY_TIMEOUT.toSeconds() + " s: " + tail(this.directory.resolve("broker.out")), ex);
					}
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the Kafka broker", ex);
		}
	}

	private void awaitExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				log.warn("Kafka broker did not stop within {} s; killing it", timeout.toSeconds());
				this.process.destroyForcibly().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

	private List<String> javaCommand(String mainClass, String... args) {
		List<String> command = new ArrayList<>(List.of(JavaProcesses.javaExecutable(), "-Xms128m", "-Xmx512m",
				"-XX:+UseSerialGC", "-Djava.awt.headless=true",
				"-Dlog4j2.configurationFile=" + this.directory.resolve("log4j2.properties"), "-cp", brokerClasspath(),
				mainClass));
		command.addAll(List.of(args));
		return command;
	}

	private Process startProcess(List<String> command, Path output) {
		try {
			return new ProcessBuilder(command).directory(this.directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + String.join(" ", command), ex);
		}
	}

	private String serverProperties() {
		return String.join("\n", "process.roles=broker,controller", "node.id=1",
				"controller.quorum.voters=1@127.0.0.1:" + this.controllerPort,
				"listeners=PLAINTEXT://127.0.0.1:" + this.port + ",CONTROLLER://127.0.0.1:" + this.controllerPort,
				"advertised.listeners=PLAINTEXT://127.0.0.1:" + this.port, "controller.listener.names=CONTROLLER",
				"inter.broker.listener.name=PLAINTEXT",
				"listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
				"log.dirs=" + this.directory.resolve("data"),
				// Services declare their topics; a typo must not create one silently.
				"auto.create.topics.enable=false", "num.partitions=1", "offsets.topic.replication.factor=1",
				"offsets.topic.num.partitions=10", "transaction.state.log.replication.factor=1",
				"transaction.state.log.min.isr=1", "share.coordinator.state.topic.replication.factor=1",
				"share.coordinator.state.topic.min.isr=1", "group.initial.rebalance.delay.ms=0", "");
	}

	private String log4jProperties() {
		return String.join("\n", "appender.file.type=File", "appender.file.name=file",
				"appender.file.fileName=" + this.directory.resolve("broker.log"),
				"appender.file.layout.type=PatternLayout", "appender.file.layout.pattern=[%d] %p %m (%c)%n",
				"rootLogger.level=INFO", "rootLogger.appenderRef.file.ref=file", "logger.kafka.name=kafka",
				"logger.kafka.level=WARN", "logger.apache.name=org.apache.kafka", "logger.apache.level=WARN", "");
	}

	private static String brokerClasspath() {
		try (InputStream in = KafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("Kafka broker classpath " + CLASSPATH_RESOURCE
						+ " is missing: build the kafka-broker-runtime module");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + CLASSPATH_RESOURCE, ex);
		}
	}

	private static String tail(Path file) {
		try {
			List<String> lines = Files.readAllLines(file);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
		}
		catch (IOException ex) {
			return "(no output in " + file + ")";
		}
	}

}

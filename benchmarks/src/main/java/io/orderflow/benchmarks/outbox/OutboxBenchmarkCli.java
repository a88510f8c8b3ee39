package io.orderflow.benchmarks.outbox;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.orderflow.infrastructure.Database;
import io.orderflow.infrastructure.KafkaBroker;
import io.orderflow.infrastructure.LocalFiles;
import io.orderflow.infrastructure.PostgresServer;

/**
 * Entry point of {@code ./orderflow bench-outbox}: starts a Kafka broker and an embedded PostgreSQL
 * of its own (or uses the server {@code SPRING_DATASOURCE_URL} names), runs {@link OutboxBenchmark}
 * and exits with 0 when every order of both contenders was delivered exactly once, 1 otherwise, 2
 * on a usage error.
 */
public final class OutboxBenchmarkCli {

	/**
	 * Durable commits, as in production: zonky starts PostgreSQL with {@code fsync} and
	 * {@code synchronous_commit} off, which would hide the cost of a commit, the very thing the
	 * contenders differ in.
	 */
	private static final Map<String, String> DURABLE_COMMITS = Map.of("fsync", "on", "synchronous_commit", "on");

	private OutboxBenchmarkCli() {
	}

	public static void main(String[] args) throws InterruptedException {
		// Before the first logger is created: the benchmark prints its own progress, libraries only warnings.
		System.setProperty("logback.configurationFile", "orderflow-cli-logback.xml");
		PrintStream out = System.out;
		List<String> arguments = List.of(args);
		if (arguments.contains("--help") || arguments.contains("-h")) {
			out.print(BenchmarkSettings.USAGE);
			return;
		}
		BenchmarkSettings settings;
		try {
			settings = BenchmarkSettings.parse(arguments);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("bench-outbox: " + ex.getMessage());
			System.err.print(BenchmarkSettings.USAGE);
			System.exit(2);
			return;
		}
		Path home = Path.of(System.getProperty("orderflow.home", ".")).toAbsolutePath().normalize();
		Path work = home.resolve(".orderflow-bench-outbox");
		LocalFiles.deleteRecursively(work);
		out.println("Starting Kafka broker (KRaft) and PostgreSQL (files in " + home.relativize(work) + ") ...");
		OutboxBenchmark.Report report;
		try (KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka"), 0);
				PostgresServer postgres = Database.fromEnvironment()
					.map(PostgresServer::external)
					.orElseGet(() -> PostgresServer.embedded(work.resolve("postgres"), 0, DURABLE_COMMITS))) {
			// Spring Boot configures logging itself from here on (the contexts set their levels).
			System.clearProperty("logback.configurationFile");
			report = new OutboxBenchmark(new SharedInfrastructure(kafka, postgres), out).run(settings);
		}
		System.exit(report.allDeliveredOnce() ? 0 : 1);
	}

}

package io.orderflow.benchmarks.outbox;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.orderflow.benchmarks.BenchmarksCli;
import io.orderflow.dlt.CommandLines;
import io.orderflow.infrastructure.Database;
import io.orderflow.infrastructure.KafkaBroker;
import io.orderflow.infrastructure.LocalFiles;
import io.orderflow.infrastructure.PostgresServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code ./orderflow bench-outbox}: starts a Kafka broker and an embedded PostgreSQL of
 * its own (or uses the server {@code SPRING_DATASOURCE_URL} names), runs
 * {@link OutboxBenchmark} and exits with 0 when every order of both contenders was
 * delivered exactly once, 1 otherwise, 2 on a usage error.
 */
@Command(name = "bench-outbox", mixinStandardHelpOptions = true,
		description = { "Benchmark the outbox relay against Spring Modulith's event publication registry.",
				"Both run in this JVM, on a Kafka broker it starts and an embedded PostgreSQL (or the server"
						+ " SPRING_DATASOURCE_URL names); files in .orderflow-bench-outbox/.",
				"Exit code 0 when every order of both contenders was delivered exactly once, 1 otherwise, 2 on a usage"
						+ " error." })
public final class OutboxBenchmarkCli implements Callable<Integer> {

	/**
	 * Durable commits, as in production: zonky starts PostgreSQL with {@code fsync} and
	 * {@code synchronous_commit} off, which would hide the cost of a commit, the very
	 * thing the contenders differ in.
	 */
	private static final Map<String, String> DURABLE_COMMITS = Map.of("fsync", "on", "synchronous_commit", "on");

	@ParentCommand
	private BenchmarksCli cli;

	@Option(names = "--rounds", paramLabel = "N", defaultValue = "3", converter = CommandLines.Positive.class,
			description = "rounds (default: ${DEFAULT-VALUE})")
	private int rounds;

	@Option(names = "--steady", paramLabel = "N", defaultValue = "300", converter = CommandLines.Positive.class,
			description = "orders one at a time per round and contender (default: ${DEFAULT-VALUE})")
	private int steadyOrders;

	@Option(names = "--rate", paramLabel = "N", defaultValue = "50", converter = CommandLines.Positive.class,
			description = "orders per second of the steady phase (default: ${DEFAULT-VALUE})")
	private int steadyRate;

	@Option(names = "--burst", paramLabel = "N", defaultValue = "5000", converter = CommandLines.Positive.class,
			description = "orders of the burst phase (default: ${DEFAULT-VALUE})")
	private int burstOrders;

	@Option(names = "--threads", paramLabel = "N", defaultValue = "8", converter = CommandLines.Positive.class,
			description = "threads submitting the burst (default: ${DEFAULT-VALUE})")
	private int burstThreads;

	@Option(names = "--warmup", paramLabel = "N", defaultValue = "1000", converter = CommandLines.NonNegative.class,
			description = "unmeasured orders per contender before the first round (default: ${DEFAULT-VALUE})")
	private int warmupOrders;

	@Option(names = "--no-outage", description = "skip the broker outage scenario after the rounds (about a minute)")
	private boolean noOutage;

	@Option(names = "--modulith-property", paramLabel = "NAME=VALUE", converter = PropertyConverter.class,
			description = "a Spring property of the Modulith contender, repeatable, for example"
					+ " spring.modulith.events.completion-mode=delete or spring.task.execution.pool.core-size=16")
	private List<Property> modulithProperties = new ArrayList<>();

	@Override
	public Integer call() throws InterruptedException {
		BenchmarkSettings settings = settings();
		PrintStream out = this.cli.out();
		Path home = this.cli.home();
		Path work = home.resolve(".orderflow-bench-outbox");
		LocalFiles.deleteRecursively(work);
		out.println("Starting Kafka broker (KRaft) and PostgreSQL (files in " + home.relativize(work) + ") ...");
		OutboxBenchmark.Report report;
		try (KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka"), 0);
				PostgresServer postgres = Database.fromEnvironment()
					.map(PostgresServer::external)
					.orElseGet(() -> PostgresServer.embedded(work.resolve("postgres"), 0, DURABLE_COMMITS))) {
			// Spring Boot configures logging itself from here on (the contexts set their
			// levels).
			System.clearProperty("logback.configurationFile");
			report = new OutboxBenchmark(new SharedInfrastructure(kafka, postgres), out).run(settings);
		}
		return report.allDeliveredOnce() ? 0 : 1;
	}

	/**
	 * The settings the options give; a property given twice counts with its last value.
	 */
	BenchmarkSettings settings() {
		Map<String, String> properties = new LinkedHashMap<>();
		this.modulithProperties.forEach((property) -> properties.put(property.name(), property.value()));
		return new BenchmarkSettings(this.rounds, this.steadyOrders, this.steadyRate, this.burstOrders,
				this.burstThreads, this.warmupOrders, !this.noOutage, properties);
	}

	/** A {@code --modulith-property}: a name and the value after the first {@code =}. */
	record Property(String name, String value) {

	}

	/**
	 * {@code NAME=VALUE} with a name that is not empty; the value may contain {@code =}.
	 */
	static final class PropertyConverter implements ITypeConverter<Property> {

		@Override
		public Property convert(String value) {
			int equals = value.indexOf('=');
			if (equals < 1) {
				throw new TypeConversionException("'" + value + "' is not NAME=VALUE");
			}
			return new Property(value.substring(0, equals), value.substring(equals + 1));
		}

	}

}

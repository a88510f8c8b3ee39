package io.orderflow.localrun;

import io.orderflow.infrastructure.BindAddress;
import io.orderflow.localrun.chaos.ChaosReport;
import io.orderflow.localrun.chaos.ChaosRun;
import io.orderflow.localrun.chaos.ChaosSettings;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.orderflow.dlt.DeadLetterTool;

/**
 * Entry point of the {@code ./orderflow} script: {@code up} runs the whole system locally,
 * {@code demo} submits a batch of orders to it, {@code chaos} proves it survives faults, and
 * {@code dlt} inspects and replays dead letters.
 */
public final class OrderflowCli {

	private static final String USAGE = """
			Usage: ./orderflow <command> [options]

			Commands:
			  up   [--workers N] [--apis N] [--api-port P] [--kafka-port P] [--bind ADDRESS]
			       Start Kafka, PostgreSQL, N api-service replicas (default 1) and N workers (default 2).
			       Api replica i listens on P + 100*(i-1) (default P 8080), its actuator 1000 higher;
			       worker i on P + i. Services listen on ADDRESS only (default 127.0.0.1; Kafka and
			       PostgreSQL always stay on 127.0.0.1). A crashed service is restarted after 1 s, 2 s,
			       4 s ... 30 s; more than 5 restarts of one within 60 s stop everything (exit 1).
			       Ctrl-C stops all.
			  demo [--orders N] [--api-url URL] [--workers N] [--apis N]
			       Submit N orders (default 200) and report the outcome. Starts a stack if none runs.
			  chaos [--duration D] [--seed S] [--workers N] [--apis N]
			       On a stack of its own (3 workers, 2 api replicas by default; free ports, files in
			       .orderflow-chaos/), submit orders for D (default 3m; 300, 300s, 3m) while killing a
			       worker every 10 s, restarting the broker, stopping PostgreSQL for 15 s, producing
			       poison records and sending malformed requests; then check that every accepted order
			       ended COMPLETED or REJECTED exactly once and stock was conserved. S (default random,
			       printed) repeats a run's schedule. Exit 1 on any violation.
			  bench [--rounds N]
			       Benchmark the outbox relay against a plain Kafka producer on a stack of its own.
			  bench-outbox [--rounds N] [--no-outage] ...   (./orderflow bench-outbox --help)
			       Benchmark the outbox relay against Spring Modulith's event publication registry.
			""" + DeadLetterTool.USAGE;

	private OrderflowCli() {
	}

	public static void main(String[] args) throws InterruptedException {
		// Before the first logger is created: the CLI prints its own progress, libraries only warnings.
		System.setProperty("logback.configurationFile", "orderflow-cli-logback.xml");
		PrintStream out = System.out;
		if (args.length == 0 || List.of("help", "-h", "--help").contains(args[0])) {
			out.print(USAGE);
			return;
		}
		try {
			List<String> commandArgs = Arrays.asList(args).subList(1, args.length);
			switch (args[0]) {
				case "up" -> up(Options.parse("up", commandArgs), out);
				case "demo" -> System.exit(demo(Options.parse("demo", commandArgs), out) ? 0 : 1);
				case "dlt" -> System.exit(DeadLetterTool.run(commandArgs, out, System.err));
				case "chaos" -> System.exit(chaos(Options.parse("chaos", commandArgs), out) ? 0 : 1);
				default -> throw new IllegalArgumentException("Unknown command '" + args[0] + "'");
			}
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			System.err.println("orderflow: " + ex.getMessage());
			System.err.print(USAGE);
			System.exit(2);
		}
	}

	private static void up(Options options, PrintStream out) {
		LocalStack stack = LocalStack.start(options.settings(), out);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			out.println("Stopping orderflow ...");
			stack.close();
			out.println("Stopped.");
		}, "orderflow-shutdown"));
		out.println();
		String demo = stack.apiUrl().equals("http://127.0.0.1:8080") ? "./orderflow demo"
				: "./orderflow demo --api-url " + stack.apiUrl();
		out.println("Try: " + demo + "   (Ctrl-C here stops everything; a crashed service is restarted)");
		// Ctrl-C ends the JVM through the shutdown hook; the supervisor restarts crashed services, so
		// only a crash loop ends the run from here.
		stack.crashLoop().join();
		System.exit(1);
	}


	/** On a stack of its own, in {@code .orderflow-chaos/}, so a running {@code up} is never disturbed. */
	private static boolean chaos(Options options, PrintStream out) throws InterruptedException {
		ChaosSettings settings = options.chaosSettings();
		Path home = home();
		ChaosReport report = new ChaosRun(home, home.resolve(".orderflow-chaos"), settings, out).run();
		report.print(out);
		return report.passed();
	}

	private static boolean demo(Options options, PrintStream out) throws InterruptedException {
		java.util.Optional<String> key = ApiKey.find(options.settings().workDirectory());
		Demo demo = new Demo(options.apiUrl(), key.orElse(""), out);
		if (demo.isApiUp()) {
			if (key.isEmpty()) {
				throw new IllegalStateException("An api-service answers at " + options.apiUrl()
						+ " but no API key was found: set " + ApiKey.ENVIRONMENT_VARIABLE);
			}
			return demo.run(options.orders());
		}
		out.println("No api-service answers at " + options.apiUrl() + "; starting a stack for the demo.");
		try (LocalStack stack = LocalStack.start(options.settings(), out)) {
			out.println();
			return new Demo(stack.apiUrl(), stack.apiKey(), out).run(options.orders());
		}
	}

	/** Command-line options shared by the commands; each command accepts those in {@link #ACCEPTED}. */
	private record Options(int workers, int apis, int apiPort, int kafkaPort, String bind, int orders, int rounds,
			String apiUrlOption, Duration duration, long seed) {

		private static final Map<String, Set<String>> ACCEPTED = Map.of("up",
				Set.of("--workers", "--apis", "--api-port", "--kafka-port", "--bind"), "demo",
				Set.of("--orders", "--api-url", "--workers", "--apis", "--api-port", "--kafka-port", "--bind"), "bench",
				Set.of("--rounds"), "chaos", Set.of("--duration", "--seed", "--workers", "--apis"));

		static Options parse(String command, List<String> args) {
			boolean chaos = command.equals("chaos");
			int workers = chaos ? 3 : 2;
			int apis = chaos ? 2 : 1;
			Duration duration = ChaosSettings.DEFAULT_DURATION;
			long seed = new SecureRandom().nextLong() & Long.MAX_VALUE;
			int apiPort = 8080;
			int kafkaPort = 9092;
			String bind = BindAddress.LOOPBACK;
			int orders = 200;
			int rounds = 3;
			String apiUrl = null;
			for (Iterator<String> it = args.iterator(); it.hasNext();) {
				String option = it.next();
				if (!ACCEPTED.get(command).contains(option)) {
					throw new IllegalArgumentException("Unknown option '" + option + "' for " + command);
				}
				switch (option) {
					case "--workers" -> workers = intValue(option, it);
					case "--apis" -> apis = intValue(option, it);
					case "--api-port" -> apiPort = intValue(option, it);
					case "--kafka-port" -> kafkaPort = intValue(option, it);
					case "--bind" -> bind = BindAddress.requireLocal(value(option, it));
					case "--orders" -> orders = intValue(option, it);
					case "--rounds" -> rounds = intValue(option, it);
					case "--api-url" -> apiUrl = value(option, it);
					case "--duration" -> duration = ChaosSettings.parseDuration(value(option, it));
					case "--seed" -> seed = longValue(option, it);
					default -> throw new IllegalArgumentException("Unknown option '" + option + "'");
				}
			}
			if (orders < 1) {
				throw new IllegalArgumentException("--orders must be at least 1, got " + orders);
			}
			if (rounds < 1) {
				throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
			}
			Options options = new Options(workers, apis, apiPort, kafkaPort, bind, orders, rounds, apiUrl, duration, seed);
			// Validates the settings now, as a usage error.
			if (chaos) {
				options.chaosSettings();
			}
			else {
				options.settings();
			}
			return options;
		}

		ChaosSettings chaosSettings() {
			return new ChaosSettings(this.duration, this.seed, this.workers, this.apis,
					ChaosSettings.DEFAULT_ORDERS_PER_SECOND);
		}

		LocalStack.Settings settings() {
			return new LocalStack.Settings(home(), this.workers, this.apis, this.apiPort, this.kafkaPort, this.bind);
		}

		/** The first api replica's URL. */
		String apiUrl() {
			return (this.apiUrlOption != null) ? this.apiUrlOption
					: "http://" + BindAddress.connectHost(this.bind) + ":" + this.apiPort;
		}

		private static int intValue(String option, Iterator<String> it) {
			String value = value(option, it);
			try {
				return Integer.parseInt(value);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(option + " takes a whole number, got '" + value + "'");
			}
		}

		private static long longValue(String option, Iterator<String> it) {
			String value = value(option, it);
			try {
				return Long.parseLong(value);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(option + " takes a whole number, got '" + value + "'");
			}
		}

		private static String value(String option, Iterator<String> it) {
			if (!it.hasNext()) {
				throw new IllegalArgumentException(option + " needs a value");
			}
			return it.next();
		}

	}

	private static Path home() {
		return Path.of(System.getProperty("orderflow.home", ".")).toAbsolutePath().normalize();
	}

}

package io.orderflow.benchmarks;

import java.nio.file.Path;
import java.util.Arrays;

import io.orderflow.benchmarks.outbox.OutboxBenchmarkCli;
import io.orderflow.benchmarks.relay.RelayBenchmark;

/**
 * Entry point of {@code ./orderflow bench} and {@code ./orderflow bench-outbox}.
 */
public final class BenchmarksCli {

	private BenchmarksCli() {
	}

	public static void main(String[] args) throws InterruptedException {
		String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
		String command = (args.length > 0) ? args[0] : "";
		switch (command) {
			case "bench" -> {
				System.setProperty("logback.configurationFile", "orderflow-cli-logback.xml");
				int rounds = (rest.length == 2 && rest[0].equals("--rounds")) ? Integer.parseInt(rest[1]) : 3;
				RelayBenchmark.run(Path.of(System.getProperty("orderflow.home", ".")).toAbsolutePath().normalize(), rounds,
						System.out);
			}
			case "bench-outbox" -> OutboxBenchmarkCli.main(rest);
			default -> {
				System.err.println("Usage: ./orderflow bench [--rounds N] | ./orderflow bench-outbox [options]");
				System.exit(2);
			}
		}
	}

}

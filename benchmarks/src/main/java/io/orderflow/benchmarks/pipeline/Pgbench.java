package io.orderflow.benchmarks.pipeline;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.orderflow.infrastructure.Database;

/**
 * The anchor in pgbench, when it is installed: the same transaction as
 * {@link JdbcOrderLoop} as a pgbench script. pgbench cannot quote a variable, so the
 * order id is built from random integers and the client id.
 */
final class Pgbench {

	static final String SCRIPT = """
			\\set a random(0, 2147483647)
			\\set b random(0, 2147483647)
			\\set s random(1, 1000)
			BEGIN;
			insert into orders (id, customer_id, currency, total, status, idempotency_key, owner) values ((lpad(to_hex(:a),8,'0')||lpad(to_hex(:b),8,'0')||lpad(to_hex(:client_id),16,'0'))::uuid, 'bench-pgbench', 'EUR', 1, 'PENDING', null, 'local');
			insert into order_items (order_id, line_no, sku, quantity, unit_price) values ((lpad(to_hex(:a),8,'0')||lpad(to_hex(:b),8,'0')||lpad(to_hex(:client_id),16,'0'))::uuid, 1, 'SKU-' || lpad(:s::text, 4, '0'), 1, 1);
			insert into audit_logs (order_id, event, detail) values ((lpad(to_hex(:a),8,'0')||lpad(to_hex(:b),8,'0')||lpad(to_hex(:client_id),16,'0'))::uuid, 'CREATED', cast('{"status": "PENDING", "lines": 1, "total": "1.00"}' as jsonb));
			insert into outbox (order_id, idempotency_key) values ((lpad(to_hex(:a),8,'0')||lpad(to_hex(:b),8,'0')||lpad(to_hex(:client_id),16,'0'))::uuid, null);
			END;
			""";

	private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

	private final Path executable;

	private Pgbench(Path executable) {
		this.executable = executable;
	}

	/** pgbench from the {@code PATH}, if there is one. */
	static Optional<Pgbench> find() {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		for (String directory : path.split(File.pathSeparator)) {
			Path candidate = Path.of(directory, "pgbench");
			if (Files.isExecutable(candidate)) {
				return Optional.of(new Pgbench(candidate));
			}
		}
		return Optional.empty();
	}

	String version() {
		return run(List.of(this.executable.toString(), "--version"), Duration.ofSeconds(10), null).strip();
	}

	/** Transactions per second of the script at {@code clients} clients. */
	double tps(Database database, int clients, Duration duration, Path workDirectory) {
		Target target = Target.of(database);
		Path script = workDirectory.resolve("pgbench-order.sql");
		try {
			Files.createDirectories(workDirectory);
			Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + script, ex);
		}
		List<String> command = new ArrayList<>(List.of(this.executable.toString(), "-n", "-f", script.toString(), "-c",
				Integer.toString(clients), "-j", Integer.toString(Math.min(clients, 4)), "-T",
				Long.toString(Math.max(1, duration.toSeconds())), "-h", target.host(), "-p",
				Integer.toString(target.port()), "-U", database.username(), target.database()));
		String output = run(command, duration.plusSeconds(60), database.password());
		return parseTps(output);
	}

	static double parseTps(String output) {
		Matcher matcher = TPS.matcher(output);
		if (!matcher.find()) {
			throw new IllegalStateException("pgbench printed no TPS:\n" + output);
		}
		return Double.parseDouble(matcher.group(1));
	}

	private static String run(List<String> command, Duration timeout, String password) {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		if (password != null && !password.isEmpty()) {
			builder.environment().put("PGPASSWORD", password);
		}
		try {
			Process process = builder.start();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("pgbench did not finish within " + timeout.toSeconds() + " s");
			}
			String text = new String(output, StandardCharsets.UTF_8);
			if (process.exitValue() != 0) {
				throw new IllegalStateException("pgbench exited with " + process.exitValue() + ":\n" + text);
			}
			return text;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run " + command.get(0), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while pgbench ran", ex);
		}
	}

	/**
	 * Host, port and database of a {@code jdbc:postgresql://host:port/database} URL.
	 *
	 * @param host the host
	 * @param port the port, 5432 when the URL names none
	 * @param database the database name
	 */
	record Target(String host, int port, String database) {

		static Target of(Database database) {
			String url = database.jdbcUrl();
			if (!url.startsWith("jdbc:postgresql://")) {
				throw new IllegalArgumentException("Not a jdbc:postgresql://host/database URL: " + url);
			}
			URI uri = URI.create(url.substring("jdbc:".length()));
			String name = (uri.getPath() == null || uri.getPath().length() <= 1) ? "postgres"
					: uri.getPath().substring(1);
			return new Target(uri.getHost(), (uri.getPort() > 0) ? uri.getPort() : 5432, name);
		}

	}

}

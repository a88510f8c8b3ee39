package io.orderflow.benchmarks.relay;

import io.orderflow.benchmarks.Stats;
import io.orderflow.localrun.LocalStack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToDoubleFunction;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Measures how fast the api-service's outbox relay gets accepted orders to Kafka, against
 * a baseline measured in the same run on the same broker: a plain idempotent producer's
 * send-to-acknowledgement latency, with the relay's producer settings. Each round submits
 * orders at a steady rate (latency from the outbox's own timestamps: stored to marked
 * published, which happens after the acknowledgement) and then a burst (accept and drain
 * rates). Prints every round and the medians; the machine is noisy, so read ratios, not
 * absolutes. One section of {@code ./orderflow bench}.
 */
public final class RelayBenchmark {

	private static final String BASELINE_TOPIC = "bench-baseline";

	private static final Duration STEADY_GAP = Duration.ofMillis(20);

	private static final String ORDER = """
			{"customerId": "bench", "currency": "EUR", "items": [{"sku": "SKU-0001", "quantity": 1, "unitPrice": "1.00"}]}
			""";

	private final LocalStack stack;

	private final PrintStream out;

	private final HttpClient http = HttpClient.newHttpClient();

	/**
	 * On a running stack (one api, one worker): {@code ./orderflow bench} runs it as one
	 * section of its report.
	 */
	public RelayBenchmark(LocalStack stack, PrintStream out) {
		this.stack = stack;
		this.out = out;
	}

	/**
	 * One round's figures.
	 *
	 * @param baselineP50 plain producer, send to ack, median (ms)
	 * @param baselineP99 plain producer, 99th percentile (ms)
	 * @param relayP50 stored to published, median (ms)
	 * @param relayP99 stored to published, 99th percentile (ms)
	 * @param acceptRate burst orders accepted per second over HTTP
	 * @param drainRate burst orders published per second
	 */
	record Round(double baselineP50, double baselineP99, double relayP50, double relayP99, double acceptRate,
			double drainRate) {

	}

	public void run(int rounds, int steadyOrders, int burstOrders) throws InterruptedException {
		createBaselineTopic();
		this.out.printf(
				"Relay benchmark: %d rounds; each %d orders at a steady %d/s, then a burst of %d (8 clients)%n%n",
				rounds, steadyOrders, 1000 / STEADY_GAP.toMillis(), burstOrders);
		this.out.printf("%-7s %22s %24s %10s %14s %14s%n", "round", "baseline p50/p99 ms", "relay p50/p99 ms",
				"p50 ratio", "accept/s", "publish/s");
		List<Round> results = new ArrayList<>();
		for (int round = 1; round <= rounds; round++) {
			double[] baseline = baseline(steadyOrders);
			double[] relay = steadyRelay(steadyOrders);
			double[] burst = burst(burstOrders);
			Round result = new Round(baseline[0], baseline[1], relay[0], relay[1], burst[0], burst[1]);
			results.add(result);
			print(Integer.toString(round), result);
		}
		print("median",
				new Round(medianOf(results, Round::baselineP50), medianOf(results, Round::baselineP99),
						medianOf(results, Round::relayP50), medianOf(results, Round::relayP99),
						medianOf(results, Round::acceptRate), medianOf(results, Round::drainRate)));
		this.out.println();
		this.out.println("p50 ratio = relay median latency / plain producer median latency, same broker, same run.");
	}

	private void print(String label, Round round) {
		this.out.printf("%-7s %22s %24s %9.1fx %14.0f %14.0f%n", label,
				"%.1f / %.1f".formatted(round.baselineP50(), round.baselineP99()),
				"%.1f / %.1f".formatted(round.relayP50(), round.relayP99()), round.relayP50() / round.baselineP50(),
				round.acceptRate(), round.drainRate());
	}

	/**
	 * Plain idempotent producer with the relay's settings: send-to-ack latency at the
	 * same pace.
	 */
	private double[] baseline(int records) throws InterruptedException {
		List<Double> latencies = new ArrayList<>();
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.stack.bootstrapServers(),
						ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
						ProducerConfig.LINGER_MS_CONFIG, 2),
				new StringSerializer(), new ByteArraySerializer())) {
			for (int i = 0; i < records; i++) {
				long start = System.nanoTime();
				try {
					producer.send(new ProducerRecord<>(BASELINE_TOPIC, "k" + i, ORDER.getBytes()))
						.get(30, TimeUnit.SECONDS);
				}
				catch (ExecutionException | TimeoutException ex) {
					throw new IllegalStateException("Baseline send failed", ex);
				}
				latencies.add((System.nanoTime() - start) / 1e6);
				Thread.sleep(STEADY_GAP.toMillis());
			}
		}
		return p50AndP99(latencies);
	}

	/**
	 * Orders one at a time at a steady pace; latency from stored to published, in the
	 * outbox.
	 */
	private double[] steadyRelay(int orders) throws InterruptedException {
		long from = lastOutboxId();
		for (int i = 0; i < orders; i++) {
			try {
				submit();
			}
			catch (IOException ex) {
				throw new IllegalStateException("Order submission failed", ex);
			}
			Thread.sleep(STEADY_GAP.toMillis());
		}
		awaitDrained();
		List<Double> latencies = query("""
				select extract(epoch from published_at - created_at) * 1000 from outbox where id > ? order by id""",
				from);
		return p50AndP99(latencies);
	}

	/**
	 * Many orders at once from 8 clients: how fast they are accepted, and how fast the
	 * relay drains them.
	 */
	private double[] burst(int orders) throws InterruptedException {
		long from = lastOutboxId();
		ExecutorService clients = Executors.newFixedThreadPool(8);
		long start = System.nanoTime();
		try {
			List<Future<?>> submissions = new ArrayList<>();
			for (int i = 0; i < orders; i++) {
				submissions.add(clients.submit(() -> {
					submit();
					return null;
				}));
			}
			for (Future<?> submission : submissions) {
				submission.get(60, TimeUnit.SECONDS);
			}
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Burst submission failed", ex);
		}
		finally {
			clients.shutdownNow();
		}
		double acceptSeconds = (System.nanoTime() - start) / 1e9;
		awaitDrained();
		double drainSeconds = query("""
				select extract(epoch from max(published_at) - min(created_at)) from outbox where id > ?""", from)
			.get(0);
		return new double[] { orders / acceptSeconds, orders / drainSeconds };
	}

	private void submit() throws IOException, InterruptedException {
		HttpResponse<Void> response = this.http.send(HttpRequest.newBuilder(URI.create(this.stack.apiUrl() + "/orders"))
			.header("Content-Type", "application/json")
			.header("X-API-Key", this.stack.apiKey())
			.POST(HttpRequest.BodyPublishers.ofString(ORDER))
			.build(), HttpResponse.BodyHandlers.discarding());
		if (response.statusCode() != 202) {
			throw new IOException("Order refused with HTTP " + response.statusCode());
		}
	}

	private void awaitDrained() throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (query("select count(*) from outbox where published_at is null", -1).get(0) > 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The outbox did not drain within 2 minutes");
			}
			Thread.sleep(50);
		}
	}

	private long lastOutboxId() {
		return query("select coalesce(max(id), 0) from outbox where id > ?", -1).get(0).longValue();
	}

	private List<Double> query(String sql, long parameter) {
		try (Connection connection = this.stack.database().dataSource().getConnection();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			if (sql.contains("?")) {
				statement.setLong(1, parameter);
			}
			List<Double> values = new ArrayList<>();
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					values.add(rows.getDouble(1));
				}
			}
			return values;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Benchmark query failed: " + sql, ex);
		}
	}

	private void createBaselineTopic() {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", this.stack.bootstrapServers()))) {
			if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(BASELINE_TOPIC)) {
				admin.createTopics(List.of(new NewTopic(BASELINE_TOPIC, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
			}
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Cannot create topic " + BASELINE_TOPIC, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private static double[] p50AndP99(List<Double> latencies) {
		return new double[] { Stats.percentile(latencies, 0.50), Stats.percentile(latencies, 0.99) };
	}

	private static double medianOf(List<Round> rounds, ToDoubleFunction<Round> figure) {
		return Stats.median(rounds.stream().map(figure::applyAsDouble).toList());
	}

}

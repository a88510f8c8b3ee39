package io.orderflow.benchmarks.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.orderflow.infrastructure.DemoInventory;
import org.HdrHistogram.Histogram;

/**
 * HTTP load on the api's {@code POST /orders}: valid orders of 1 to 3 lines with the
 * stack's API key. A closed loop has each connection (a thread) send back to back; an
 * open loop sends at a fixed rate whatever the answers take, and measures each request
 * from its intended send time ({@link OpenLoopSchedule}).
 */
final class HttpIntake {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	/** The customer of every order this sends, so its orders can be found again. */
	static final String CUSTOMER = "bench-http";

	private final URI orders;

	private final String apiKey;

	HttpIntake(String apiUrl, String apiKey) {
		this.orders = URI.create(apiUrl + "/orders");
		this.apiKey = apiKey;
	}

	/**
	 * {@code connections} threads, each sending its next order when the last is answered.
	 */
	LoadRun closedLoop(int connections, Duration duration) throws InterruptedException {
		HttpClient http = client();
		long start = System.nanoTime();
		long deadline = start + duration.toNanos();
		Timeline timeline = new Timeline(start, (int) duration.toSeconds());
		AtomicLong errors = new AtomicLong();
		List<Histogram> histograms = runThreads(connections, () -> {
			Histogram latencies = new Histogram(3);
			while (System.nanoTime() < deadline) {
				long sent = System.nanoTime();
				if (submit(http)) {
					long answered = System.nanoTime();
					latencies.recordValue((answered - sent) / 1000);
					timeline.record(answered);
				}
				else {
					errors.incrementAndGet();
				}
			}
			return latencies;
		});
		return finish(histograms, timeline, errors.get(), start);
	}

	/**
	 * Orders at {@code perSecond} for {@code duration}, sent by at most
	 * {@code connections} threads; each latency is from the intended send time.
	 */
	LoadRun openLoop(double perSecond, int connections, Duration duration) throws InterruptedException {
		HttpClient http = client();
		OpenLoopSchedule schedule = OpenLoopSchedule.atRate(System.nanoTime() + 50_000_000L, perSecond);
		long requests = schedule.requestsWithin(duration.toNanos());
		Timeline timeline = new Timeline(schedule.startNanos(), (int) duration.toSeconds());
		AtomicLong next = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		List<Histogram> histograms = runThreads(connections, () -> {
			Histogram latencies = new Histogram(3);
			for (long index = next.getAndIncrement(); index < requests; index = next.getAndIncrement()) {
				long intended = schedule.intendedNanos(index);
				for (long wait = intended - System.nanoTime(); wait > 0; wait = intended - System.nanoTime()) {
					LockSupport.parkNanos(wait);
				}
				if (submit(http)) {
					long answered = System.nanoTime();
					latencies.recordValue(schedule.correctedLatencyNanos(index, answered) / 1000);
					timeline.record(answered);
				}
				else {
					errors.incrementAndGet();
				}
			}
			return latencies;
		});
		return finish(histograms, timeline, errors.get(), schedule.startNanos());
	}

	private static LoadRun finish(List<Histogram> histograms, Timeline timeline, long errors, long start) {
		Histogram latencies = new Histogram(3);
		histograms.forEach(latencies::add);
		return new LoadRun(latencies, timeline, latencies.getTotalCount(), errors, (System.nanoTime() - start) / 1e9);
	}

	private static List<Histogram> runThreads(int threads, LoadLoop loop) throws InterruptedException {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<Histogram>> loops = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				loops.add(executor.submit(loop::run));
			}
			List<Histogram> histograms = new ArrayList<>();
			for (Future<Histogram> future : loops) {
				histograms.add(future.get());
			}
			return histograms;
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("An HTTP load thread failed", ex.getCause());
		}
		finally {
			executor.shutdownNow();
		}
	}

	/** True if the order was accepted (202). */
	private boolean submit(HttpClient http) throws InterruptedException {
		try {
			HttpResponse<Void> response = http.send(HttpRequest.newBuilder(this.orders)
				.timeout(REQUEST_TIMEOUT)
				.header("Content-Type", "application/json")
				.header("X-API-Key", this.apiKey)
				.POST(HttpRequest.BodyPublishers.ofString(orderJson(ThreadLocalRandom.current())))
				.build(), HttpResponse.BodyHandlers.discarding());
			return response.statusCode() == 202;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** A valid order of 1 to 3 lines of the demo inventory's regular SKUs. */
	static String orderJson(ThreadLocalRandom random) {
		int lines = random.nextInt(1, 4);
		List<String> items = new ArrayList<>();
		for (int i = 0; i < lines; i++) {
			items.add("{\"sku\": \"%s\", \"quantity\": %d, \"unitPrice\": \"1.00\"}".formatted(
					DemoInventory.regularSku(random.nextInt(1, DemoInventory.REGULAR_SKUS + 1)), random.nextInt(1, 3)));
		}
		return "{\"customerId\": \"" + CUSTOMER + "\", \"currency\": \"EUR\", \"items\": [" + String.join(", ", items)
				+ "]}";
	}

	private static HttpClient client() {
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	/** One load thread's work: its latencies. */
	@FunctionalInterface
	private interface LoadLoop {

		Histogram run() throws InterruptedException;

	}

}

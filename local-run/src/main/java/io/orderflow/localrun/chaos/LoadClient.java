package io.orderflow.localrun.chaos;

import io.orderflow.infrastructure.DemoInventory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The load of a chaos run: a few threads submit valid orders to every api replica in turn
 * at a steady rate, each logical order with an Idempotency-Key of its own. An order
 * without a final answer (503, 409, another 5xx, no answer) is retried with the same key
 * on the next replica, as behind a load balancer, after the Retry-After the api asks for;
 * every answer goes to the {@link HttpLog}.
 */
final class LoadClient {

	private static final int MAX_ATTEMPTS = 200;

	private static final Duration ORDER_DEADLINE = Duration.ofMinutes(3);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

	private final List<String> apiUrls;

	private final String apiKey;

	private final long seed;

	private final int threads;

	private final Duration interval;

	private final HttpLog log;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final ConcurrentLinkedQueue<OrderOutcome> outcomes = new ConcurrentLinkedQueue<>();

	private final AtomicInteger sequence = new AtomicInteger();

	private final CountDownLatch stopping = new CountDownLatch(1);

	private final List<Thread> running = new ArrayList<>();

	/**
	 * @param apiUrls the api replicas, used in turn
	 * @param apiKey the {@code X-API-Key}
	 * @param seed decides the orders' contents
	 * @param threads concurrent clients
	 * @param ordersPerSecond target rate over all clients
	 * @param log where every answer goes
	 */
	LoadClient(List<String> apiUrls, String apiKey, long seed, int threads, int ordersPerSecond, HttpLog log) {
		this.apiUrls = List.copyOf(apiUrls);
		this.apiKey = apiKey;
		this.seed = seed;
		this.threads = threads;
		this.interval = Duration.ofNanos(TimeUnit.SECONDS.toNanos(threads) / ordersPerSecond);
		this.log = log;
	}

	/**
	 * What became of one logical order.
	 *
	 * @param idempotencyKey its key, the same on every attempt
	 * @param api the replica that gave the last answer
	 * @param id the order id of the 202, null without one
	 * @param status the last answer: 202, a refusal, or the last retryable status when
	 * the retries ran out
	 * @param attempts requests sent
	 * @param consistent whether the 202's body id and Location agree
	 */
	record OrderOutcome(String idempotencyKey, String api, UUID id, int status, int attempts, boolean consistent) {

		boolean accepted() {
			return this.status == 202;
		}

	}

	void start() {
		for (int i = 0; i < this.threads; i++) {
			Random random = new Random(this.seed * 31 + i);
			Thread thread = new Thread(() -> submitUntilStopped(random), "chaos-load-" + (i + 1));
			thread.setDaemon(true);
			this.running.add(thread);
			thread.start();
		}
	}

	/** Submits no new orders; waits up to {@code timeout} for those still retrying. */
	void stop(Duration timeout) throws InterruptedException {
		this.stopping.countDown();
		long deadline = System.nanoTime() + timeout.toNanos();
		for (Thread thread : this.running) {
			thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
		}
	}

	List<OrderOutcome> outcomes() {
		return List.copyOf(this.outcomes);
	}

	long accepted() {
		return this.outcomes.stream().filter(OrderOutcome::accepted).count();
	}

	private void submitUntilStopped(Random random) {
		long next = System.nanoTime();
		try {
			while (this.stopping.getCount() > 0) {
				int number = this.sequence.incrementAndGet();
				this.outcomes
					.add(submit(number % this.apiUrls.size(), orderBody(number, random), "chaos-" + UUID.randomUUID()));
				next += this.interval.toNanos();
				long wait = next - System.nanoTime();
				if (wait <= 0) {
					// Behind schedule (slow answers, retries): carry on at the rate,
					// without a burst.
					next = System.nanoTime();
				}
				else if (this.stopping.await(wait, TimeUnit.NANOSECONDS)) {
					return;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	OrderOutcome submit(int firstApi, String body, String key) throws InterruptedException {
		Instant deadline = Instant.now().plus(ORDER_DEADLINE);
		int status = HttpLog.NO_ANSWER;
		for (int attempt = 1;; attempt++) {
			// Each retry goes to the next replica: the keys are shared, and one replica
			// may be down.
			String api = this.apiUrls.get((firstApi + attempt - 1) % this.apiUrls.size());
			HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/orders"))
				.timeout(REQUEST_TIMEOUT)
				.header("Content-Type", "application/json")
				.header("X-API-Key", this.apiKey)
				.header("Idempotency-Key", key)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
			Instant sent = Instant.now();
			HttpResponse<String> response = null;
			try {
				response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
				status = response.statusCode();
			}
			catch (IOException ex) {
				// Refused, reset or timed out: the outcome is unknown, and a retry with
				// the same key is safe.
				status = HttpLog.NO_ANSWER;
			}
			this.log.add(new HttpLog.Exchange(sent, Instant.now(), api, HttpLog.ORDER, status));
			if (status == 202) {
				return accepted(api, key, response, attempt);
			}
			if (!retryable(status) || attempt >= MAX_ATTEMPTS || Instant.now().isAfter(deadline)) {
				return new OrderOutcome(key, api, null, status, attempt, true);
			}
			Thread.sleep(retryDelay(response).toMillis());
		}
	}

	private OrderOutcome accepted(String api, String key, HttpResponse<String> response, int attempts) {
		String location = response.headers().firstValue("Location").orElse("");
		try {
			JsonNode id = this.json.readTree(response.body()).get("id");
			if (id != null && id.isString()) {
				UUID orderId = UUID.fromString(id.asString());
				return new OrderOutcome(key, api, orderId, 202, attempts, location.endsWith("/orders/" + orderId));
			}
		}
		catch (JacksonException | IllegalArgumentException ex) {
			// handled below
		}
		// A 202 without a readable id: accepted, but the client cannot tell which order
		// it is.
		return new OrderOutcome(key, api, null, 202, attempts, false);
	}

	/**
	 * 503 (database down, commit outcome unknown), 409 (the same key still in flight),
	 * other 5xx, no answer.
	 */
	static boolean retryable(int status) {
		return status == HttpLog.NO_ANSWER || status == 409 || status == 429 || status >= 500;
	}

	/** Retry-After in seconds when the api sends it (capped at 30 s), else 1 s. */
	static Duration retryDelay(HttpResponse<?> response) {
		if (response != null) {
			String retryAfter = response.headers().firstValue("Retry-After").orElse("");
			if (retryAfter.matches("\\d{1,6}")) {
				Duration asked = Duration.ofSeconds(Long.parseLong(retryAfter));
				return (asked.compareTo(MAX_RETRY_AFTER) > 0) ? MAX_RETRY_AFTER : asked;
			}
		}
		return Duration.ofSeconds(1);
	}

	/**
	 * Mostly orders that complete; every tenth also asks for scarce stock, every 25th
	 * names an unknown SKU.
	 */
	static String orderBody(int number, Random random) {
		List<String> lines = new ArrayList<>();
		int regular = 1 + random.nextInt(3);
		for (int line = 0; line < regular; line++) {
			lines.add(line(DemoInventory.regularSku(1 + random.nextInt(DemoInventory.REGULAR_SKUS)),
					1 + random.nextInt(5),
					String.format(Locale.ROOT, "%d.%02d", 1 + random.nextInt(99), random.nextInt(100))));
		}
		if (number % 10 == 0) {
			lines.add(line(DemoInventory.SCARCE_SKU, 1 + random.nextInt(3), "49.90"));
		}
		if (number % 25 == 0) {
			lines.add(line("SKU-UNKNOWN-" + number, 1, "5.00"));
		}
		return "{\"customerId\": \"chaos-" + (number % 7) + "\", \"currency\": \"EUR\", \"items\": ["
				+ String.join(", ", lines) + "]}";
	}

	private static String line(String sku, int quantity, String unitPrice) {
		return "{\"sku\": \"" + sku + "\", \"quantity\": " + quantity + ", \"unitPrice\": \"" + unitPrice + "\"}";
	}

}

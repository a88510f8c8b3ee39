package io.orderflow.localrun;

import io.orderflow.infrastructure.DemoInventory;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Submits a batch of orders to a running api-service, some of which must be rejected,
 * shows progress while the workers process them, and prints the final count per status.
 */
final class Demo {

	private static final Duration PROCESSING_TIMEOUT = Duration.ofMinutes(3);

	private static final List<String> TERMINAL = List.of("COMPLETED", "REJECTED");

	private final String apiUrl;

	private final String apiKey;

	private final PrintStream out;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	Demo(String apiUrl, String apiKey, PrintStream out) {
		this.apiUrl = apiUrl;
		this.apiKey = apiKey;
		this.out = out;
	}

	boolean isApiUp() {
		try {
			// The OpenAPI description needs no credentials: it tells whether the
			// api-service answers.
			HttpRequest request = HttpRequest.newBuilder(URI.create(this.apiUrl + "/v3/api-docs"))
				.timeout(Duration.ofSeconds(2))
				.build();
			return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Runs the demo; returns whether every order reached a final status. */
	boolean run(int orders) throws InterruptedException {
		this.out.printf("Submitting %d orders to %s ...%n", orders, this.apiUrl);
		Instant start = Instant.now();
		List<String> ids = submit(orders);
		this.out.printf("  accepted %d/%d in %.1f s%n", ids.size(), orders, seconds(start));

		this.out.println("Waiting for the workers ...");
		Instant processingStart = Instant.now();
		Map<String, JsonNode> finished = new ConcurrentHashMap<>();
		int lastReported = -1;
		while (finished.size() < ids.size() && Instant.now().isBefore(processingStart.plus(PROCESSING_TIMEOUT))) {
			List<String> open = ids.stream().filter((id) -> !finished.containsKey(id)).toList();
			poll(open, finished);
			if (finished.size() != lastReported) {
				lastReported = finished.size();
				this.out.printf("  processed %d/%d%n", finished.size(), ids.size());
			}
			if (finished.size() < ids.size()) {
				Thread.sleep(500);
			}
		}
		this.out.printf("Done in %.1f s.%n%n", seconds(start));

		Map<String, Integer> byStatus = new TreeMap<>();
		Map<String, Integer> byReason = new TreeMap<>();
		for (String id : ids) {
			JsonNode order = finished.get(id);
			String status = (order != null) ? order.get("status").asString() : "NOT FINISHED";
			byStatus.merge(status, 1, Integer::sum);
			if (order != null && order.hasNonNull("rejectionReason")) {
				byReason.merge(reasonKind(order.get("rejectionReason").asString()), 1, Integer::sum);
			}
		}
		this.out.println("Final count per status:");
		byStatus.forEach((status, count) -> this.out.printf("  %-12s %5d%n", status, count));
		if (!byReason.isEmpty()) {
			this.out.println("Rejection reasons:");
			byReason.forEach((reason, count) -> this.out.printf("  %-40s %5d%n", reason, count));
		}
		return finished.size() == ids.size();
	}

	private List<String> submit(int orders) throws InterruptedException {
		Random random = new Random(42);
		List<String> bodies = new ArrayList<>();
		for (int i = 0; i < orders; i++) {
			bodies.add(this.json.writeValueAsString(orderBody(i, random)));
		}
		AtomicInteger done = new AtomicInteger();
		List<String> ids = new ArrayList<>();
		try (Closer executor = new Closer(Executors.newFixedThreadPool(8))) {
			List<Future<String>> results = new ArrayList<>();
			for (String body : bodies) {
				results.add(executor.service().submit(() -> {
					String id = post(body);
					int count = done.incrementAndGet();
					if (count % Math.max(1, orders / 5) == 0) {
						this.out.printf("  submitted %d/%d%n", count, orders);
					}
					return id;
				}));
			}
			for (Future<String> result : results) {
				try {
					ids.add(result.get());
				}
				catch (java.util.concurrent.ExecutionException ex) {
					this.out.println("  refused: " + ex.getCause().getMessage());
				}
			}
		}
		return ids;
	}

	/**
	 * Mostly orders that complete; every tenth asks for scarce stock, and some name an
	 * unknown SKU.
	 */
	private static Map<String, Object> orderBody(int index, Random random) {
		List<Map<String, Object>> items = new ArrayList<>();
		if (index % 10 == 7) {
			items.add(item(DemoInventory.SCARCE_SKU, 3, "49.90"));
		}
		else if (index % 10 == 9) {
			items.add(item("SKU-UNKNOWN-" + index, 1, "5.00"));
		}
		else {
			int lines = 1 + random.nextInt(3);
			for (int line = 0; line < lines; line++) {
				items.add(item(DemoInventory.regularSku(1 + random.nextInt(DemoInventory.REGULAR_SKUS)),
						1 + random.nextInt(5), "%d.%02d".formatted(1 + random.nextInt(99), random.nextInt(100))));
			}
		}
		return Map.of("customerId", "demo-customer-" + (index % 7), "currency", "EUR", "items", items);
	}

	private static Map<String, Object> item(String sku, int quantity, String unitPrice) {
		return Map.of("sku", sku, "quantity", quantity, "unitPrice", unitPrice);
	}

	private String post(String body) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.apiUrl + "/orders"))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.header("X-API-Key", this.apiKey)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 202) {
			throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
		}
		return this.json.readTree(response.body()).get("id").asString();
	}

	private void poll(List<String> ids, Map<String, JsonNode> finished) throws InterruptedException {
		try (Closer executor = new Closer(Executors.newFixedThreadPool(8))) {
			List<Future<?>> results = new ArrayList<>();
			for (String id : ids) {
				results.add(executor.service().submit(() -> {
					HttpRequest request = HttpRequest.newBuilder(URI.create(this.apiUrl + "/orders/" + id))
						.timeout(Duration.ofSeconds(10))
						.header("X-API-Key", this.apiKey)
						.build();
					HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
					if (response.statusCode() == 200) {
						JsonNode order = this.json.readTree(response.body());
						if (TERMINAL.contains(order.get("status").asString())) {
							finished.put(id, order);
						}
					}
					return null;
				}));
			}
			for (Future<?> result : results) {
				try {
					result.get();
				}
				catch (java.util.concurrent.ExecutionException ex) {
					// a failed poll is retried in the next round
				}
			}
		}
	}

	private static String reasonKind(String reason) {
		int colon = reason.indexOf(':');
		return (colon > 0) ? reason.substring(0, colon) : reason;
	}

	private static double seconds(Instant since) {
		return Duration.between(since, Instant.now()).toMillis() / 1000.0;
	}

	/** Java 17's ExecutorService is not AutoCloseable. */
	private record Closer(ExecutorService service) implements AutoCloseable {

		@Override
		public void close() {
			this.service.shutdownNow();
		}

	}

}

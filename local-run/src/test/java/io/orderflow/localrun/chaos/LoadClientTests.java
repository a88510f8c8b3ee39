package io.orderflow.localrun.chaos;

import io.orderflow.infrastructure.DemoInventory;
import io.orderflow.infrastructure.FreePorts;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for the orders and the retry rules of {@link LoadClient}.
 */
class LoadClientTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

	private final HttpLog log = new HttpLog();

	@AfterEach
	void stopServers() {
		this.servers.forEach((server) -> server.stop(0));
	}

	@Test
	void anOrderARefusingReplicaCannotTakeIsRetriedOnTheNextWithTheSameKey() throws Exception {
		List<String> keys = new CopyOnWriteArrayList<>();
		UUID id = UUID.randomUUID();
		String up = serve((exchange) -> {
			keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
			answer(exchange, 202, "/orders/" + id, null, "{\"id\": \"" + id + "\", \"status\": \"PENDING\"}");
		});
		String down = "http://127.0.0.1:" + FreePorts.find();
		LoadClient client = new LoadClient(List.of(down, up), "key", 1, 1, 20, this.log);

		LoadClient.OrderOutcome outcome = client.submit(0, "{}", "chaos-k1");

		assertThat(outcome).isEqualTo(new LoadClient.OrderOutcome("chaos-k1", up, id, 202, 2, true));
		assertThat(keys).containsExactly("chaos-k1");
		assertThat(this.log.all()).extracting(HttpLog.Exchange::api, HttpLog.Exchange::status)
			.containsExactly(tuple(down, HttpLog.NO_ANSWER), tuple(up, 202));
	}

	@Test
	void a503IsRetriedAfterTheRetryAfterItAsksFor() throws Exception {
		AtomicInteger requests = new AtomicInteger();
		UUID id = UUID.randomUUID();
		String api = serve((exchange) -> {
			if (requests.incrementAndGet() == 1) {
				answer(exchange, 503, null, "1", "{}");
			}
			else {
				answer(exchange, 202, "/orders/" + id, null, "{\"id\": \"" + id + "\"}");
			}
		});
		LoadClient client = new LoadClient(List.of(api), "key", 1, 1, 20, this.log);

		long started = System.nanoTime();
		LoadClient.OrderOutcome outcome = client.submit(0, "{}", "chaos-k2");

		assertThat(outcome.accepted()).isTrue();
		assertThat(outcome.attempts()).isEqualTo(2);
		assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(1_000_000_000L);
		assertThat(this.log.countsByStatus()).containsEntry("503", 1L).containsEntry("202", 1L);
	}

	@Test
	void aClientErrorIsFinalAndA202WhoseLocationNamesAnotherOrderIsInconsistent() throws Exception {
		String refusing = serve((exchange) -> answer(exchange, 422, null, null, "{}"));
		String inconsistent = serve((exchange) -> answer(exchange, 202, "/orders/" + UUID.randomUUID(), null,
				"{\"id\": \"" + UUID.randomUUID() + "\"}"));

		LoadClient.OrderOutcome refused = new LoadClient(List.of(refusing), "key", 1, 1, 20, this.log).submit(0, "{}",
				"k3");
		LoadClient.OrderOutcome accepted = new LoadClient(List.of(inconsistent), "key", 1, 1, 20, this.log).submit(0,
				"{}", "k4");

		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.attempts()).isEqualTo(1);
		assertThat(accepted.accepted()).isTrue();
		assertThat(accepted.consistent()).isFalse();
	}

	@Test
	void ordersAreValidJsonOfSeededSkusAndEveryTenthAsksForScarceStock() {
		JsonNode tenth = this.json.readTree(LoadClient.orderBody(10, new Random(1)));
		JsonNode eleventh = this.json.readTree(LoadClient.orderBody(11, new Random(1)));

		assertThat(tenth.get("items").findValuesAsString("sku")).contains(DemoInventory.SCARCE_SKU);
		assertThat(eleventh.get("items").findValuesAsString("sku")).doesNotContain(DemoInventory.SCARCE_SKU)
			.allSatisfy((sku) -> assertThat(sku).matches("SKU-\\d{4}"));
		assertThat(eleventh.get("currency").asString()).isEqualTo("EUR");
	}

	@Test
	void everyTwentyFifthOrderNamesAnUnknownSku() {
		JsonNode order = this.json.readTree(LoadClient.orderBody(25, new Random(1)));

		assertThat(order.get("items").findValuesAsString("sku")).contains("SKU-UNKNOWN-25");
	}

	@Test
	void theSameSeedGivesTheSameOrders() {
		assertThat(LoadClient.orderBody(3, new Random(9))).isEqualTo(LoadClient.orderBody(3, new Random(9)));
	}

	private String serve(Handler handler) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/orders", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			handler.handle(exchange);
		});
		server.start();
		this.servers.add(server);
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	private static void answer(HttpExchange exchange, int status, String location, String retryAfter, String body)
			throws IOException {
		if (location != null) {
			exchange.getResponseHeaders().add("Location", location);
		}
		if (retryAfter != null) {
			exchange.getResponseHeaders().add("Retry-After", retryAfter);
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	/** Answers one request of a fake api. */
	@FunctionalInterface
	private interface Handler {

		void handle(HttpExchange exchange) throws IOException;

	}

	@Test
	void unavailableInFlightServerErrorsAndNoAnswerAreRetriedButClientErrorsAreNot() {
		assertThat(LoadClient.retryable(503)).isTrue();
		assertThat(LoadClient.retryable(500)).isTrue();
		assertThat(LoadClient.retryable(409)).isTrue();
		assertThat(LoadClient.retryable(HttpLog.NO_ANSWER)).isTrue();
		assertThat(LoadClient.retryable(400)).isFalse();
		assertThat(LoadClient.retryable(422)).isFalse();
		assertThat(LoadClient.retryable(202)).isFalse();
	}

}

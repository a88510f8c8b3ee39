package io.orderflow.api.order;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.orderflow.testsupport.TestInfrastructure;

/**
 * Orders sent over real HTTP to an api started by a test, as the intake tests send them.
 */
final class OrderRequests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private OrderRequests() {
	}

	/** A valid order of one line, for {@code customer}. */
	static String order(String customer) {
		return """
				{"customerId": "%s", "currency": "EUR", "items": [{"sku": "SKU-0001", "quantity": 1, "unitPrice": "2.50"}]}
				"""
			.formatted(customer);
	}

	/**
	 * {@code POST /orders} as the test client, with an Idempotency-Key unless it is null.
	 */
	static HttpResponse<String> post(int port, String body, String idempotencyKey)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders"))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.header("Content-Type", "application/json")
			.header("X-API-Key", TestInfrastructure.TEST_API_KEY);
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}

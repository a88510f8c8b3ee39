package io.orderflow.intake;

import io.orderflow.infrastructure.SpringProperties;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.orderflow.infrastructure.DemoInventory;
import io.orderflow.testsupport.TestInfrastructure;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP and database probes for intake tests.
 */
final class IntakeFixtures {

	static final Duration TIMEOUT = Duration.ofMinutes(2);

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	IntakeFixtures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Submits a small order; returns its id, asserting 202. */
	UUID submit(String apiUrl) throws Exception {
		String body = this.json.writeValueAsString(Map.of("customerId", "intake-test", "currency", "EUR", "items",
				List.of(Map.of("sku", DemoInventory.regularSku(7), "quantity", 1, "unitPrice", "3.00"))));
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(apiUrl + "/orders"))
			.header("Content-Type", "application/json")
			.header("X-API-Key", TestInfrastructure.TEST_API_KEY)
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return UUID.fromString(this.json.readTree(response.body()).get("id").asString());
	}

	HttpResponse<String> get(String url) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	long countWithStatus(List<UUID> ids, String status) {
		return this.jdbc.sql("select count(*) from orders where id = any(:ids) and status = :status")
			.param("ids", ids.toArray(UUID[]::new))
			.param("status", status)
			.query(Long.class)
			.single();
	}

	long unpublished() {
		return this.jdbc.sql("select count(*) from outbox where published_at is null").query(Long.class).single();
	}

	long terminalEvents(List<UUID> ids) {
		return this.jdbc
			.sql("select count(*) from audit_logs where order_id = any(:ids) and event in ('COMPLETED', 'REJECTED')")
			.param("ids", ids.toArray(UUID[]::new))
			.query(Long.class)
			.single();
	}

	static ConfigurableApplicationContext run(SpringApplication application, Map<String, String> properties) {
		return application.run(SpringProperties.asArguments(properties));
	}

}

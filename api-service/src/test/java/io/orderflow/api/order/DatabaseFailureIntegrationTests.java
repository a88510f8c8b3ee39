package io.orderflow.api.order;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import io.orderflow.testsupport.OwnPostgres;
import io.orderflow.testsupport.TestInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.orderflow.api.order.OrderRequests.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When the database fails, a client gets a 503 that tells the truth: nothing was stored
 * when the transaction never reached its commit, and "outcome unknown, retry with the
 * same key" when the commit itself failed. Never a 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=orderflow-api", "management.server.port=0",
				"spring.datasource.hikari.connection-timeout=500" })
class DatabaseFailureIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@RegisterExtension
	static final OwnPostgres postgres = new OwnPostgres("api-db");

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Value("${local.management.port}")
	int managementPort;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		postgres.springProperties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@BeforeEach
	void awaitDatabase() {
		// Connections that died with the last outage leave the pool as they fail.
		await().atMost(TIMEOUT)
			.ignoreExceptions()
			.until(() -> this.jdbc.sql("select 1").query(Integer.class).single() == 1);
	}

	@Test
	void submissionWhileTheDatabaseIsDownIsA503ThatSaysNothingWasStored() throws Exception {
		String customer = "outage-" + UUID.randomUUID().toString().substring(0, 8);
		postgres.stop();
		HttpResponse<String> response;
		HttpResponse<String> read;
		HttpResponse<String> readiness;
		HttpResponse<String> liveness;
		try {
			response = post(order(customer), "outage-key-" + UUID.randomUUID());
			read = get("/orders/" + UUID.randomUUID());
			readiness = probe("readiness");
			liveness = probe("liveness");
		}
		finally {
			postgres.start();
		}

		assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("type").asString()).isEqualTo("urn:orderflow:problem:service-unavailable");
		assertThat(problem.get("detail").asString()).contains("nothing was stored");
		assertThat(read.statusCode()).as(read.body()).isEqualTo(503);
		// The probe answers with health, saying what is down, not with a failed request.
		assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(503);
		JsonNode health = this.json.readTree(readiness.body());
		assertThat(health.get("status").asString()).isEqualTo("DOWN");
		assertThat(health.get("components").get("outbox").get("status").asString()).isEqualTo("DOWN");
		// A database outage is no reason to restart the replica.
		assertThat(liveness.statusCode()).as(liveness.body()).isEqualTo(200);
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(probe("readiness").statusCode()).isEqualTo(200));

		// Once the database is back, the same request is accepted, and only then is
		// anything stored.
		await().atMost(TIMEOUT).until(() -> post(order(customer), null).statusCode() == 202);
		assertThat(this.jdbc.sql("select count(*) from orders where customer_id = :c")
			.param("c", customer)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void commitThatDiesLeavesTheOutcomeUnknownAndARetryWithTheSameKeyIsSafe() throws Exception {
		String customer = "die-at-commit-" + UUID.randomUUID().toString().substring(0, 8);
		String key = "commit-key-" + UUID.randomUUID();
		// A deferred trigger runs inside COMMIT: the server ends the session there, once,
		// as a crash would.
		this.jdbc.sql("create sequence if not exists commit_fault").update();
		this.jdbc.sql("""
				create or replace function die_at_commit() returns trigger language plpgsql as $$
				begin
				    if new.customer_id like 'die-at-commit-%' and nextval('commit_fault') = 1 then
				        perform pg_terminate_backend(pg_backend_pid());
				    end if;
				    return null;
				end $$""").update();
		this.jdbc.sql("""
				create constraint trigger die_at_commit after insert on orders deferrable initially deferred
				for each row execute function die_at_commit()""").update();
		try {
			HttpResponse<String> first = post(order(customer), key);

			assertThat(first.statusCode()).as(first.body()).isEqualTo(503);
			assertThat(first.headers().firstValue("Retry-After")).isPresent();
			JsonNode problem = this.json.readTree(first.body());
			assertThat(problem.get("type").asString()).isEqualTo("urn:orderflow:problem:commit-outcome-unknown");
			assertThat(problem.get("detail").asString()).contains("unknown whether the order was stored")
				.contains("same Idempotency-Key is safe")
				.doesNotContain("nothing was stored");

			HttpResponse<String> retry = post(order(customer), key);

			assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
			assertThat(this.jdbc.sql("select count(*) from orders where idempotency_key = :key")
				.param("key", key)
				.query(Long.class)
				.single()).isEqualTo(1);
		}
		finally {
			this.jdbc.sql("drop trigger die_at_commit on orders").update();
		}
	}

	private HttpResponse<String> post(String body, String idempotencyKey) throws Exception {
		return OrderRequests.post(this.port, body, idempotencyKey);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("X-API-Key", TestInfrastructure.TEST_API_KEY)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> probe(String group) throws Exception {
		return this.http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/health/" + group))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}

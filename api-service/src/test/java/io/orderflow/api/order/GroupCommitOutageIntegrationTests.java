package io.orderflow.api.order;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.orderflow.testsupport.OwnPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.orderflow.api.order.OrderRequests.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Group commit of {@link OrderIntake} when PostgreSQL goes away while a batch is being
 * written and the next one is queued: every request of both is answered {@code 503}
 * "nothing was stored", and nothing of them is stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.config.name=orderflow-api", "management.server.port=0",
		"spring.datasource.hikari.connection-timeout=500", "orderflow.orders.intake.writers=1",
		"spring.datasource.hikari.data-source-properties.options=-c lock_timeout=60s -c statement_timeout=60s" })
class GroupCommitOutageIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@RegisterExtension
	static final OwnPostgres postgres = new OwnPostgres("group-commit-db");

	private final JsonMapper json = JsonMapper.builder().build();

	private final ExecutorService clients = Executors.newFixedThreadPool(8);

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OrderIntake intake;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		postgres.springProperties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@AfterEach
	void stopClients() {
		this.clients.shutdownNow();
	}

	@Test
	void databaseGoingAwayMidBatchAnswersEveryRequest503AndStoresNothing() throws Exception {
		String customer = "outage-" + UUID.randomUUID().toString().substring(0, 8);
		List<Future<HttpResponse<String>>> answers = new ArrayList<>();
		// Not a pooled connection: it dies with the server, and closing it then is quiet.
		try (Connection lock = DriverManager.getConnection(postgres.database().jdbcUrl(),
				postgres.database().username(), postgres.database().password())) {
			lock.setAutoCommit(false);
			try (Statement statement = lock.createStatement()) {
				statement.execute("lock table orders in share mode");
			}
			// The one writer's batch waits on the lock, mid-transaction ...
			answers.add(this.clients.submit(() -> post(order(customer), "outage-" + UUID.randomUUID())));
			await().atMost(TIMEOUT).until(() -> this.jdbc.sql("""
					select count(*) from pg_stat_activity
					where datname = current_database() and wait_event_type = 'Lock'
					""").query(Long.class).single() == 1);
			// ... and the next batch queues up behind it.
			for (int i = 0; i < 5; i++) {
				int before = this.intake.queued();
				String key = (i % 2 == 0) ? "outage-" + UUID.randomUUID() : null;
				answers.add(this.clients.submit(() -> post(order(customer), key)));
				await().atMost(TIMEOUT).until(() -> this.intake.queued() == before + 1);
			}
			postgres.stop();
		}
		try {
			for (Future<HttpResponse<String>> answer : answers) {
				HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
				assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
				assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
				assertThat(this.json.readTree(response.body()).get("type").asString())
					.isEqualTo("urn:orderflow:problem:service-unavailable");
				assertThat(this.json.readTree(response.body()).get("detail").asString()).contains("nothing was stored");
			}
		}
		finally {
			postgres.start();
		}

		await().atMost(TIMEOUT)
			.ignoreExceptions()
			.until(() -> this.jdbc.sql("select 1").query(Integer.class).single() == 1);
		assertThat(this.jdbc.sql("select count(*) from orders where customer_id = :c")
			.param("c", customer)
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("select count(*) from outbox").query(Long.class).single()).isZero();
		assertThat(this.jdbc.sql("select count(*) from idempotency_keys").query(Long.class).single()).isZero();
		// Once the database is back, the writer stores orders again.
		await().atMost(TIMEOUT).until(() -> post(order(customer), null).statusCode() == 202);
	}

	private HttpResponse<String> post(String body, String idempotencyKey) throws Exception {
		return OrderRequests.post(this.port, body, idempotencyKey);
	}

}

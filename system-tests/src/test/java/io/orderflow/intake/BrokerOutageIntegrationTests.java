package io.orderflow.intake;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.orderflow.api.ApiApplication;
import io.orderflow.infrastructure.Database;
import io.orderflow.infrastructure.DemoInventory;
import io.orderflow.testsupport.TestInfrastructure;
import io.orderflow.worker.WorkerApplication;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While Kafka is down the API keeps accepting orders, readiness says why they wait, and
 * when the broker is back the backlog drains in commit order.
 */
class BrokerOutageIntegrationTests {

	private static final Duration OUTAGE = Duration.ofSeconds(20);

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	@SuppressWarnings("try") // the worker runs as long as the try block
	void ordersSubmittedDuringABrokerOutageAreAcceptedAndDrainInCommitOrder() throws Exception {
		TestInfrastructure infrastructure = TestInfrastructure.shared();
		Database database = infrastructure.newDatabase();
		DemoInventory.migrate(database);
		DemoInventory.seedIfEmpty(database);
		Map<String, String> properties = new HashMap<>(infrastructure.isolatedSpringProperties(database));
		properties.put("server.port", "0");
		properties.put("management.server.port", "0");
		// The test's readiness probe is the only reader; Kubernetes would see the same
		// through the probe.
		properties.put("orderflow.outbox.degraded-after", "2s");
		JdbcClient jdbc = JdbcClient.create(database.dataSource());
		IntakeFixtures fixtures = new IntakeFixtures(jdbc);

		try (ConfigurableApplicationContext worker = IntakeFixtures.run(WorkerApplication.application(), properties);
				ConfigurableApplicationContext api = IntakeFixtures.run(ApiApplication.application(), properties)) {
			String apiUrl = "http://127.0.0.1:" + api.getEnvironment().getProperty("local.server.port");
			String managementUrl = "http://127.0.0.1:" + api.getEnvironment().getProperty("local.management.port");
			List<UUID> ids = new CopyOnWriteArrayList<>();
			ids.add(fixtures.submit(apiUrl));
			await().atMost(IntakeFixtures.TIMEOUT).until(() -> fixtures.countWithStatus(ids, "COMPLETED") == 1);

			infrastructure.kafka().stop();
			try {
				// An order every 200 ms for the whole outage, every one accepted.
				await().during(OUTAGE).atMost(OUTAGE.plusSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
					ids.add(fixtures.submit(apiUrl));
					return true;
				});
				JsonNode readiness = readiness(fixtures, managementUrl);
				assertThat(readiness.get("status").asString()).isEqualTo("DEGRADED");
				JsonNode outbox = readiness.get("components").get("outbox");
				assertThat(outbox.get("details").get("backlog").asLong()).isPositive();
				assertThat(outbox.get("details").get("lastError").asString()).isNotBlank();
			}
			finally {
				infrastructure.kafka().restart();
			}

			await().atMost(IntakeFixtures.TIMEOUT)
				.until(() -> fixtures.countWithStatus(ids, "COMPLETED") == ids.size());
			assertThat(ids).hasSizeGreaterThan(50);
			// The relay marks rows after the acks, so a worker may finish an order before
			// its row is marked.
			await().atMost(IntakeFixtures.TIMEOUT).until(() -> fixtures.unpublished() == 0);
			assertThat(fixtures.terminalEvents(ids)).isEqualTo(ids.size());
			assertThat(jdbc.sql("""
					select count(*) from (
					    select published_at < lag(published_at) over (order by id) as before_previous from outbox
					) t where before_previous
					""").query(Long.class).single()).as("outbox rows published before an earlier commit").isZero();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(
						() -> assertThat(readiness(fixtures, managementUrl).get("status").asString()).isEqualTo("UP"));
		}
	}

	private JsonNode readiness(IntakeFixtures fixtures, String managementUrl) throws Exception {
		HttpResponse<String> response = fixtures.get(managementUrl + "/actuator/health/readiness");
		assertThat(response.statusCode()).as("readiness keeps the replica in service").isEqualTo(200);
		return this.json.readTree(response.body());
	}

}

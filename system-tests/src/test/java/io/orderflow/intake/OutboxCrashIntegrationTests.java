package io.orderflow.intake;

import io.orderflow.infrastructure.SpringProperties;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.orderflow.infrastructure.Database;
import io.orderflow.infrastructure.DemoInventory;
import io.orderflow.infrastructure.FreePorts;
import io.orderflow.testsupport.TestInfrastructure;
import io.orderflow.infrastructure.ServiceProcess;
import io.orderflow.worker.WorkerApplication;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An api-service killed with SIGKILL after committing orders and before its relay
 * published them loses none: they wait in the outbox, and the next api process publishes
 * them.
 */
class OutboxCrashIntegrationTests {

	@Test
	@SuppressWarnings("try") // the worker runs as long as the try block
	void ordersAcceptedBeforeTheApiWasKilledStillReachTheWorker() throws Exception {
		TestInfrastructure infrastructure = TestInfrastructure.shared();
		Database database = infrastructure.newDatabase();
		DemoInventory.migrate(database);
		DemoInventory.seedIfEmpty(database);
		Map<String, String> properties = infrastructure.isolatedSpringProperties(database);
		JdbcClient jdbc = JdbcClient.create(database.dataSource());
		IntakeFixtures fixtures = new IntakeFixtures(jdbc);
		Map<String, String> workerProperties = new HashMap<>(properties);
		workerProperties.put("server.port", "0");
		Path logs = TestInfrastructure.workDirectory().resolve("api-processes");

		try (ConfigurableApplicationContext worker = IntakeFixtures.run(WorkerApplication.application(),
				workerProperties)) {
			ServiceProcess api = ServiceProcess.start("api-1", apiJar(), FreePorts.find(), FreePorts.find(),
					SpringProperties.asEnvironment(properties), logs);
			api.awaitHealthy();
			// With the broker down, the relay cannot publish: every accepted order sits
			// in the outbox.
			infrastructure.kafka().stop();
			List<UUID> ids = new ArrayList<>();
			try {
				for (int i = 0; i < 30; i++) {
					ids.add(fixtures.submit(api.url()));
				}
				assertThat(fixtures.unpublished()).isEqualTo(ids.size());
				api.kill();
			}
			finally {
				infrastructure.kafka().restart();
			}

			ServiceProcess restarted = ServiceProcess.start("api-2", apiJar(), FreePorts.find(), FreePorts.find(),
					SpringProperties.asEnvironment(properties), logs);
			try {
				restarted.awaitHealthy();
				await().atMost(IntakeFixtures.TIMEOUT)
					.until(() -> fixtures.countWithStatus(ids, "COMPLETED") == ids.size());
				// The relay marks rows after the acks, so a worker may finish an order
				// before its row is marked.
				await().atMost(IntakeFixtures.TIMEOUT).until(() -> fixtures.unpublished() == 0);
				assertThat(fixtures.terminalEvents(ids)).isEqualTo(ids.size());
			}
			finally {
				restarted.stop(java.time.Duration.ofSeconds(30));
			}
		}
	}

	private static Path apiJar() {
		Path jar = Path.of(System.getProperty("orderflow.api-jar", "../api-service/target/api-service-exec.jar"));
		assertThat(jar).as("api-service executable jar (run ./mvnw package first)").exists();
		return jar;
	}

}

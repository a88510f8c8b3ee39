package io.orderflow.intake;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.api.ApiApplication;
import io.orderflow.infrastructure.Database;
import io.orderflow.infrastructure.DemoInventory;
import io.orderflow.testsupport.TestInfrastructure;
import io.orderflow.infrastructure.TopicRecords;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two api replicas relay from one outbox at the same time: every order reaches Kafka, and
 * exactly once, because each relay claims its rows with {@code FOR UPDATE SKIP LOCKED}.
 */
class ConcurrentRelaysIntegrationTests {

	@Test
	void twoReplicasPublishEveryOrderExactlyOnce() throws Exception {
		TestInfrastructure infrastructure = TestInfrastructure.shared();
		Database database = infrastructure.newDatabase();
		DemoInventory.migrate(database);
		Map<String, String> properties = new HashMap<>(infrastructure.isolatedSpringProperties(database));
		properties.put("server.port", "0");
		properties.put("management.server.port", "0");
		// Small batches, so both relays have work at the same time.
		properties.put("orderflow.outbox.batch-size", "5");
		IntakeFixtures fixtures = new IntakeFixtures(JdbcClient.create(database.dataSource()));
		List<UUID> ids = new CopyOnWriteArrayList<>();

		try (ConfigurableApplicationContext first = IntakeFixtures.run(ApiApplication.application(), properties);
				ConfigurableApplicationContext second = IntakeFixtures.run(ApiApplication.application(), properties)) {
			List<String> urls = List.of(url(first), url(second));
			ExecutorService executor = Executors.newFixedThreadPool(8);
			try {
				List<Future<?>> submissions = new java.util.ArrayList<>();
				for (int i = 0; i < 300; i++) {
					String url = urls.get(i % 2);
					submissions.add(executor.submit(() -> ids.add(fixtures.submit(url))));
				}
				for (Future<?> submission : submissions) {
					submission.get(60, TimeUnit.SECONDS);
				}
			}
			finally {
				executor.shutdownNow();
			}
			await().atMost(IntakeFixtures.TIMEOUT).until(() -> fixtures.unpublished() == 0);
			assertThat(List.of(first, second)).as("records each replica's relay published")
				.allSatisfy((api) -> assertThat(
						api.getBean(MeterRegistry.class).get("orderflow.outbox.published").counter().count())
					.isPositive());
		}

		Map<String, Integer> published = recordsPerKey(properties);
		assertThat(published).hasSize(ids.size());
		assertThat(published.values()).allMatch((copies) -> copies == 1);
		assertThat(published.keySet()).containsExactlyInAnyOrderElementsOf(ids.stream().map(UUID::toString).toList());
	}

	private static String url(ConfigurableApplicationContext api) {
		return "http://127.0.0.1:" + api.getEnvironment().getProperty("local.server.port");
	}

	/**
	 * How many records each key has on the orders topic, read from the beginning without
	 * a group.
	 */
	private static Map<String, Integer> recordsPerKey(Map<String, String> properties) {
		Map<String, Integer> counts = new HashMap<>();
		TopicRecords
			.readAll(properties.get("spring.kafka.bootstrap-servers"), properties.get("orderflow.topics.orders"))
			.forEach((record) -> counts.merge(record.key(), 1, Integer::sum));
		return counts;
	}

}

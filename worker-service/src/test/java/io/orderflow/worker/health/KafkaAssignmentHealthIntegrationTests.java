package io.orderflow.worker.health;

import io.orderflow.infrastructure.SpringProperties;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.orderflow.testsupport.TestInfrastructure;
import io.orderflow.worker.WorkerApplication;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness of workers on the real broker: ready once consuming, ready as a standby when
 * the group has more members than partitions, and out of service when the listener stops,
 * while liveness stays up.
 */
class KafkaAssignmentHealthIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aConsumingWorkerAndAStandbyAreReadyAndAStoppedListenerIsNot() throws Exception {
		Map<String, String> properties = new HashMap<>(TestInfrastructure.shared().isolatedSpringProperties());
		properties.put("server.port", "0");
		properties.put("orderflow.topics.partitions", "1");
		properties.put("spring.kafka.listener.concurrency", "1");
		try (ConfigurableApplicationContext first = WorkerApplication.application()
			.run(SpringProperties.asArguments(properties))) {
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(probe(first, "readiness").statusCode()).isEqualTo(200));
			assertThat(probe(first, "readiness").body()).contains("\"assignedPartitions\":1");

			try (ConfigurableApplicationContext second = WorkerApplication.application()
				.run(SpringProperties.asArguments(properties))) {
				await().atMost(TIMEOUT).untilAsserted(() -> {
					HttpResponse<String> readiness = probe(second, "readiness");
					assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
					assertThat(readiness.body()).contains("more group members than partitions");
				});

				second.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("orders").stop();
				HttpResponse<String> stopped = probe(second, "readiness");
				assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(503);
				assertThat(stopped.body()).contains("OUT_OF_SERVICE");
				// Stopped on purpose: no reason to restart the process.
				assertThat(probe(second, "liveness").statusCode()).isEqualTo(200);
			}
		}
	}

	private HttpResponse<String> probe(ConfigurableApplicationContext worker, String group) throws Exception {
		return this.http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + worker.getEnvironment().getProperty("local.server.port")
					+ "/actuator/health/" + group))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}

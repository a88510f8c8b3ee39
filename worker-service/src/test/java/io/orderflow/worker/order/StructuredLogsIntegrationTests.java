package io.orderflow.worker.order;

import io.orderflow.infrastructure.SpringProperties;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.orderflow.common.messaging.TopicsProperties;
import io.orderflow.testsupport.TestInfrastructure;
import io.orderflow.worker.WorkerApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.LoggingSystemProperty;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code json} profile that the Helm chart and Compose set: each log line is one ECS
 * JSON object, and a line about an order carries its id, its trace id and the worker's
 * instance.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsIntegrationTests {

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * Contexts that other test classes keep open hold the JVM's one logging system as it
	 * was set up first: released, it is set up again by the next application that starts.
	 */
	@BeforeEach
	void releaseLogging() {
		LoggingSystem.get(getClass().getClassLoader()).cleanUp();
	}

	/**
	 * Spring Boot hands the format to Logback as a system property, which outlives the
	 * context: the tests after this one in the same JVM must log text again.
	 */
	@AfterEach
	void backToText() {
		System.clearProperty(LoggingSystemProperty.CONSOLE_STRUCTURED_FORMAT.getEnvironmentVariableName());
		LoggingSystem.get(getClass().getClassLoader()).cleanUp();
	}

	@Test
	void aLineAboutAnOrderIsJsonWithTheOrderTraceAndInstance(CapturedOutput output) {
		Map<String, String> properties = new HashMap<>(TestInfrastructure.shared().isolatedSpringProperties());
		properties.put("server.port", "0");
		properties.put("spring.profiles.active", "json");
		properties.put("orderflow.worker.instance-id", "json-worker");
		try (ConfigurableApplicationContext worker = WorkerApplication.application()
			.run(SpringProperties.asArguments(properties));
				OrderFixtures fixtures = new OrderFixtures(worker.getBean(JdbcClient.class),
						properties.get("spring.kafka.bootstrap-servers"), worker.getBean(TopicsProperties.class))) {
			fixtures.stock("JSON", 10);
			UUID id = fixtures.order(fixtures.line("JSON", 1, "2.00"));
			fixtures.send(id);

			await().atMost(OrderFixtures.TIMEOUT).untilAsserted(() -> {
				List<String> lines = output.getOut()
					.lines()
					.filter((line) -> line.contains("Order completed") && line.contains(id.toString()))
					.toList();
				assertThat(lines).hasSize(1);
				JsonNode line = this.json.readTree(lines.get(0));
				assertThat(line.get("orderId").asString()).isEqualTo(id.toString());
				assertThat(line.get("traceId").asString()).matches("[0-9a-f]{32}");
				assertThat(line.get("service").get("node").get("name").asString()).isEqualTo("json-worker");
				assertThat(line.get("log").get("level").asString()).isEqualTo("INFO");
			});
		}
	}

}

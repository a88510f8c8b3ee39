package io.orderflow.worker.order;

import io.orderflow.infrastructure.SpringProperties;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.orderflow.common.messaging.TopicsProperties;
import io.orderflow.testsupport.TestInfrastructure;
import io.orderflow.worker.WorkerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A batch that fails transiently again and again is logged with its stack trace once, at
 * the first failure, and with one line per later attempt.
 */
@ExtendWith(OutputCaptureExtension.class)
class RetryLoggingIntegrationTests {

	@Test
	@SuppressWarnings("try") // the fault lasts as long as the try block
	void aRetriedFailurePrintsItsStackTraceOnce(CapturedOutput output) {
		Map<String, String> properties = new HashMap<>(TestInfrastructure.shared().isolatedSpringProperties());
		properties.put("server.port", "0");
		properties.put("orderflow.worker.retry.initial-interval", "100ms");
		properties.put("orderflow.worker.retry.multiplier", "1.0");
		properties.put("orderflow.worker.retry.jitter", "0ms");
		try (ConfigurableApplicationContext worker = WorkerApplication.application()
			.run(SpringProperties.asArguments(properties));
				OrderFixtures fixtures = new OrderFixtures(worker.getBean(JdbcClient.class),
						properties.get("spring.kafka.bootstrap-servers"), worker.getBean(TopicsProperties.class))) {
			fixtures.stock("RETRY", 10);
			UUID id = fixtures.order(fixtures.line("RETRY", 1, "2.00"));
			String cause = "simulated transient failure for order " + id;
			try (OrderFixtures.CompletionFault fault = fixtures.failCompletion(id, "40001")) {
				fixtures.send(id);
				await().atMost(OrderFixtures.TIMEOUT)
					.until(() -> output.getOut().lines().filter((line) -> line.contains("failed again")).count() >= 3);
			}
			await().atMost(OrderFixtures.TIMEOUT)
				.until(() -> worker.getBean(JdbcClient.class)
					.sql("select status from orders where id = :id")
					.param("id", id)
					.query(String.class)
					.single()
					.equals("COMPLETED"));

			assertThat(output.getOut().lines().filter((line) -> line.contains("failed and is retried with backoff")))
				.singleElement()
				.asString()
				.contains(cause);
			assertThat(output.getOut()
				.lines()
				.filter((line) -> line.startsWith("Caused by: org.postgresql.util.PSQLException")
						&& line.contains(cause)))
				.as("stack traces of the failure")
				.hasSize(1);
		}
	}

}

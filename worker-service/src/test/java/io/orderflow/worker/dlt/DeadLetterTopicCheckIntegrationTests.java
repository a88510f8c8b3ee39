package io.orderflow.worker.dlt;

import io.orderflow.infrastructure.SpringProperties;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.orderflow.testsupport.TestInfrastructure;
import io.orderflow.worker.WorkerApplication;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Integration tests for {@link DeadLetterTopicCheck}: a worker refuses to start when dead
 * letters could not keep their partition number.
 */
class DeadLetterTopicCheckIntegrationTests {

	@Test
	void workerRefusesToStartWhenTheDeadLetterTopicHasFewerPartitions() throws Exception {
		Map<String, String> properties = TestInfrastructure.shared().isolatedSpringProperties();
		String orders = properties.get("orderflow.topics.orders");
		try (Admin admin = Admin
			.create(Map.of("bootstrap.servers", properties.get("spring.kafka.bootstrap-servers")))) {
			// More partitions than the worker declares: it cannot shrink orders, and
			// orders-dlt stays at 6.
			admin.createTopics(List.of(new NewTopic(orders, 8, (short) 1), new NewTopic(orders + "-dlt", 6, (short) 1)))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
		Map<String, String> worker = new HashMap<>(properties);
		worker.put("server.port", "0");

		assertThatException()
			.isThrownBy(() -> WorkerApplication.application().run(SpringProperties.asArguments(worker)))
			.havingRootCause()
			.withMessageContaining("'" + orders + "-dlt' has 6 partitions but '" + orders + "' has 8")
			.withMessageContaining("--partitions 8");
	}

}

package io.orderflow.worker.health;

import io.orderflow.infrastructure.SpringProperties;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.orderflow.testsupport.TestInfrastructure;
import io.orderflow.worker.WorkerApplication;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for {@link KafkaListenersHealthIndicator}: a consumer thread that
 * dies on an {@link Error} is reported, not swallowed.
 */
class KafkaListenersHealthIntegrationTests {

	@Test
	void listenerKilledByAnErrorTurnsLivenessDown() throws Exception {
		Map<String, String> properties = new HashMap<>(TestInfrastructure.shared().isolatedSpringProperties());
		properties.put("server.port", "0");
		SpringApplication application = WorkerApplication.application();
		application.addPrimarySources(List.of(FatalListener.class));
		try (ConfigurableApplicationContext worker = application.run(SpringProperties.asArguments(properties))) {
			HealthIndicator health = worker.getBean("kafkaListeners", HealthIndicator.class);
			assertThat(health.health().getStatus()).isEqualTo(Status.UP);

			try (KafkaProducer<String, String> producer = new KafkaProducer<>(
					Map.of("bootstrap.servers", properties.get("spring.kafka.bootstrap-servers")),
					new StringSerializer(), new StringSerializer())) {
				producer.send(new ProducerRecord<>(properties.get("orderflow.topics.orders"), "k", "{}"))
					.get(30, TimeUnit.SECONDS);
			}

			await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
				assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.health().getDetails().get("fatal")).asString().contains("lastAbnormalStop=ERROR");
			});
			assertThat(health.health().getDetails().get("orders")).asString().contains("inExpectedState=true");
			HttpResponse<String> liveness = HttpClient.newHttpClient()
				.send(HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:"
							+ worker.getEnvironment().getProperty("local.server.port") + "/actuator/health/liveness"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(liveness.statusCode()).as(liveness.body()).isEqualTo(503);
			assertThat(liveness.body()).contains("\"kafkaListeners\"").contains("ERROR");
		}
	}

	/**
	 * A second listener on the orders topic, in its own group, that dies on every record.
	 */
	@Configuration(proxyBeanMethods = false)
	static class FatalListener {

		@Bean
		Object fatalListener() {
			return new Object() {

				@KafkaListener(id = "fatal", groupId = "fatal-${orderflow.topics.orders}",
						topics = "${orderflow.topics.orders}", batch = "true")
				void onRecords(List<Object> records) {
					throw new StackOverflowError("simulated fatal error in a listener");
				}

			};
		}

	}

}

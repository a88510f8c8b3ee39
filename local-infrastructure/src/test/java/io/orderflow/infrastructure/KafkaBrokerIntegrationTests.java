package io.orderflow.infrastructure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for {@link KafkaBroker}: a real broker in its own JVM.
 */
class KafkaBrokerIntegrationTests {

	@TempDir
	static Path directory;

	static KafkaBroker broker;

	@BeforeAll
	static void startBroker() {
		broker = KafkaBroker.start(directory, 0);
	}

	@AfterAll
	static void stopBroker() {
		broker.close();
	}

	@Test
	void recordsSurviveABrokerKilledWithSigkill() throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic("survivors", 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
		try (KafkaProducer<String, String> producer = producer()) {
			producer.send(new ProducerRecord<>("survivors", "k1", "before-kill")).get(30, TimeUnit.SECONDS);
		}

		broker.kill();
		assertThat(broker.isRunning()).isFalse();
		broker.restart();
		assertThat(broker.isRunning()).isTrue();

		try (KafkaProducer<String, String> producer = producer()) {
			producer.send(new ProducerRecord<>("survivors", "k2", "after-restart")).get(30, TimeUnit.SECONDS);
		}
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "survivors-test", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
						"earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of("survivors"));
			List<String> values = new java.util.concurrent.CopyOnWriteArrayList<>();
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					values.add(record.value());
				}
				assertThat(values).containsExactlyInAnyOrder("before-kill", "after-restart");
			});
		}
	}

	@Test
	void undeclaredTopicsAreNotCreatedOnFirstUse() throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
				KafkaProducer<String, String> producer = new KafkaProducer<>(
						Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
								ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000),
						new StringSerializer(), new StringSerializer())) {
			org.assertj.core.api.Assertions.assertThatException()
				.isThrownBy(
						() -> producer.send(new ProducerRecord<>("typo-topic", "k", "v")).get(10, TimeUnit.SECONDS));
			assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).doesNotContain("typo-topic");
		}
	}

	private static KafkaProducer<String, String> producer() {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
	}

}

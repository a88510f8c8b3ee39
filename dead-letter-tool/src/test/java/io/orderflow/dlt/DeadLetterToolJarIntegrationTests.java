package io.orderflow.dlt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.orderflow.infrastructure.LocalFiles;
import io.orderflow.testsupport.TestInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.orderflow.dlt.DeadLetterFixture.deadLetter;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dead-letter tool runs on its own, from its executable jar, as an operator runs it
 * in a cluster: a broker and nothing of the local stack.
 */
class DeadLetterToolJarIntegrationTests {

	@TempDir
	Path output;

	@Test
	void executableJarListsTheDeadLettersOfABroker() throws Exception {
		String bootstrapServers = TestInfrastructure.shared().kafka().bootstrapServers();
		String topic = "orders-dlt-" + UUID.randomUUID().toString().substring(0, 8);
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new ByteArraySerializer(),
				new ByteArraySerializer())) {
			producer.send(deadLetter().at(0, 0).key("order-from-the-jar").toProducerRecord(topic))
				.get(30, TimeUnit.SECONDS);
		}

		Run run = runJar("list", "--topic", topic, "--bootstrap-servers", bootstrapServers);

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).contains(" order-from-the-jar ").endsWith("1 dead letter listed (1 scanned)\n");
	}

	@Test
	void executableJarRefusesAUsageErrorWithExitCodeTwo() throws Exception {
		Run run = runJar("replay", "--partition", "not-a-number");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("--partition");
		assertThat(run.out()).isEmpty();
	}

	private Run runJar(String... arguments) throws IOException, InterruptedException {
		Path jar = LocalFiles.executableJar(Path.of(System.getProperty("orderflow.build-dir", "target")));
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
		command.addAll(List.of(arguments));
		Path out = this.output.resolve("out.txt");
		Path err = this.output.resolve("err.txt");
		Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		if (!process.waitFor(90, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("The dead-letter tool did not finish within 90 s: " + command);
		}
		return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
				Files.readString(err, StandardCharsets.UTF_8));
	}

	private record Run(int exitCode, String out, String err) {
	}

}

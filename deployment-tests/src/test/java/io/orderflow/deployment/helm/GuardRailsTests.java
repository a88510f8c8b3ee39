package io.orderflow.deployment.helm;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests of the chart's guard rails: values that would deploy something broken fail at
 * {@code helm template} time with a message that says what to change.
 */
class GuardRailsTests {

	@Test
	void moreWorkerConsumersThanPartitionsFailNamingKedasMaxReplicaCount() {
		assertFails(HelmChart.requiredAnd(Map.of("worker.keda.maxReplicaCount", 3)),
				"worker.keda.maxReplicaCount (3) x worker.listenerConcurrency (3) = 9 consumers, more than kafka.topics.partitions (6)");
	}

	@Test
	void moreWorkerConsumersThanPartitionsFailNamingTheHpasMaxReplicasWithoutKeda() {
		assertFails(
				HelmChart.requiredAnd(Map.of("worker.keda.enabled", false, "worker.autoscaling.maxReplicas", 2,
						"worker.listenerConcurrency", 4)),
				"worker.autoscaling.maxReplicas (2) x worker.listenerConcurrency (4) = 8 consumers, more than kafka.topics.partitions (6)");
	}

	@Test
	void moreWorkerConsumersThanPartitionsFailNamingReplicaCountWithoutAutoscaling() {
		assertFails(
				HelmChart.requiredAnd(Map.of("worker.keda.enabled", false, "worker.autoscaling.enabled", false,
						"worker.replicaCount", 2, "kafka.topics.partitions", 4)),
				"worker.replicaCount (2) x worker.listenerConcurrency (3) = 6 consumers, more than kafka.topics.partitions (4)");
	}

	@Test
	void topicsWithoutPartitionsOrReplicasFail() {
		assertFails(HelmChart.requiredAnd(Map.of("kafka.topics.partitions", 0)),
				"kafka.topics.partitions must be at least 1");
		assertFails(HelmChart.requiredAnd(Map.of("kafka.topics.replicas", 0)),
				"kafka.topics.replicas must be at least 1");
	}

	@Test
	void aMissingDatabaseUrlFails() {
		assertFails(without("database.url"), "database.url is required");
	}

	@Test
	void aDatabaseUrlThatIsNotPostgresJdbcFails() {
		assertFails(HelmChart.requiredAnd(Map.of("database.url", "postgres://db:5432/orderflow")),
				"database.url must be a PostgreSQL JDBC URL");
	}

	@Test
	void missingDatabaseCredentialsFail() {
		assertFails(without("database.password"), "database credentials are missing: set database.existingSecret");
	}

	@Test
	void neitherAnApiKeyNorAnExistingSecretFails() {
		assertFails(without("apiKeys.clients.billing"),
				"no API key secret: set apiKeys.existingSecret to a Secret with one key per client");
	}

	@Test
	void anApiKeyShorterThan16CharactersFails() {
		assertFails(HelmChart.requiredAnd(Map.of("apiKeys.clients.billing", "too-short")),
				"apiKeys.clients.billing must be at least 16 characters");
	}

	@Test
	void aMissingKafkaBootstrapAddressFails() {
		assertFails(without("kafka.bootstrapServers"), "kafka.bootstrapServers is required");
	}

	@Test
	void aWorkerGracePeriodTooShortForTheShutdownChainFails() {
		assertFails(HelmChart.requiredAnd(Map.of("worker.terminationGracePeriodSeconds", 20)),
				"worker.terminationGracePeriodSeconds must be at least 25");
	}

	@Test
	void kedaScalingTheWorkersToZeroFailsBecauseTheScheduledJobsWouldStop() {
		assertFails(HelmChart.requiredAnd(Map.of("worker.keda.minReplicaCount", 0)),
				"worker.keda.minReplicaCount must be at least 1: the workers also run the cleanup and reconcile jobs");
	}

	private static Map<String, Object> without(String path) {
		Map<String, Object> values = new HashMap<>(HelmChart.REQUIRED);
		values.remove(path);
		return values;
	}

	private static void assertFails(Map<String, Object> values, String message) {
		assertThatIllegalStateException().isThrownBy(() -> HelmChart.template(values)).withMessageContaining(message);
	}

}

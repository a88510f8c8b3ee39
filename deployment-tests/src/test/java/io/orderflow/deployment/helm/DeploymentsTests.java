package io.orderflow.deployment.helm;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the api's and the worker's Deployments (and the api's Service and Ingress):
 * probes, ports, the shutdown chain, credentials, the config checksum and the security
 * context.
 */
class DeploymentsTests {

	static final String API = "shop-orderflow-api";

	static final String WORKER = "shop-orderflow-worker";

	private final Rendering defaults = HelmChart.render(HelmChart.REQUIRED);

	@Test
	void apiProbesAskTheHealthGroupsOnTheManagementPort() {
		Container api = container(this.defaults, API);
		assertThat(ports(api)).containsExactlyInAnyOrderEntriesOf(Map.of("http", 8080, "management", 9080));
		assertProbe(api.getLivenessProbe(), "/actuator/health/liveness", "management");
		assertProbe(api.getReadinessProbe(), "/actuator/health/readiness", "management");
		assertProbe(api.getStartupProbe(), "/actuator/health/liveness", "management");
	}

	@Test
	void workerProbesAskTheHealthGroupsOnItsOnlyPort8081() {
		Container worker = container(this.defaults, WORKER);
		assertThat(ports(worker)).containsExactlyEntriesOf(Map.of("management", 8081));
		assertProbe(worker.getLivenessProbe(), "/actuator/health/liveness", "management");
		assertProbe(worker.getReadinessProbe(), "/actuator/health/readiness", "management");
	}

	@Test
	void apiServiceExposesHttpAndManagementAndTheIngressOnlyHttp() {
		Rendering rendering = HelmChart.render(HelmChart.requiredAnd(Map.of("api.ingress.enabled", true)));
		Service service = rendering.get(Service.class, API);
		assertThat(service.getSpec().getPorts())
			.extracting(ServicePort::getName, ServicePort::getPort, (port) -> port.getTargetPort().getStrVal())
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("http", 80, "http"),
					org.assertj.core.groups.Tuple.tuple("management", 9080, "management"));
		Ingress ingress = rendering.get(Ingress.class, API);
		assertThat(ingress.getSpec().getRules()).singleElement().satisfies((rule) -> {
			assertThat(rule.getHost()).isEqualTo("orderflow.example.com");
			assertThat(rule.getHttp().getPaths()).singleElement().satisfies((path) -> {
				assertThat(path.getBackend().getService().getName()).isEqualTo(API);
				assertThat(path.getBackend().getService().getPort().getNumber()).isEqualTo(80);
			});
		});
	}

	@Test
	void apiShutdownPhaseEndsTenSecondsBeforeItsGracePeriod() {
		assertThat(podSpec(this.defaults, API).getTerminationGracePeriodSeconds()).isEqualTo(40);
		assertThat(this.defaults.environment(API)).containsEntry("SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE", "30s");
		Rendering longer = HelmChart.render(HelmChart.requiredAnd(Map.of("api.terminationGracePeriodSeconds", 75)));
		assertThat(podSpec(longer, API).getTerminationGracePeriodSeconds()).isEqualTo(75);
		assertThat(longer.environment(API)).containsEntry("SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE", "65s");
	}

	@Test
	void workerShutdownChainIsDerivedFromItsGracePeriodAlone() {
		assertThat(podSpec(this.defaults, WORKER).getTerminationGracePeriodSeconds()).isEqualTo(50);
		assertThat(this.defaults.environment(WORKER)).containsEntry("ORDERFLOW_WORKER_SHUTDOWNTIMEOUT", "30s")
			.containsEntry("SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE", "40s");
		Rendering longer = HelmChart.render(HelmChart.requiredAnd(Map.of("worker.terminationGracePeriodSeconds", 90)));
		assertThat(podSpec(longer, WORKER).getTerminationGracePeriodSeconds()).isEqualTo(90);
		assertThat(longer.environment(WORKER)).containsEntry("ORDERFLOW_WORKER_SHUTDOWNTIMEOUT", "70s")
			.containsEntry("SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE", "80s");
	}

	@ParameterizedTest
	@ValueSource(strings = { API, WORKER })
	void replicasNeverMigrateAtStartUp(String deployment) {
		assertThat(this.defaults.environment(deployment)).containsEntry("SPRING_FLYWAY_ENABLED", "false");
	}

	@ParameterizedTest
	@ValueSource(strings = { API, WORKER })
	void settingsComeFromTheConfigMapAndCredentialsFromTheDatabaseSecret(String deployment) {
		assertThat(this.defaults.environment(deployment))
			.containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/orderflow")
			.containsEntry("SPRING_KAFKA_BOOTSTRAPSERVERS", "kafka-bootstrap.kafka:9092")
			.containsEntry("ORDERFLOW_TOPICS_ORDERS", "orders")
			.containsEntry("ORDERFLOW_TOPICS_PARTITIONS", "6")
			.containsEntry("ORDERFLOW_TOPICS_REPLICAS", "3");
		assertThat(secretRefs(container(this.defaults, deployment)))
			.containsEntry("SPRING_DATASOURCE_USERNAME", "shop-orderflow-database/username")
			.containsEntry("SPRING_DATASOURCE_PASSWORD", "shop-orderflow-database/password");
	}

	@Test
	void workerGetsItsGroupAndListenerConcurrency() {
		assertThat(this.defaults.environment(WORKER))
			.containsEntry("SPRING_KAFKA_CONSUMER_GROUPID", "orderflow-workers")
			.containsEntry("SPRING_KAFKA_LISTENER_CONCURRENCY", "3");
	}

	@Test
	void apiReadsEveryKeyOfTheApiKeysSecretAsAClientKeyAndTheWorkerNone() {
		assertThat(container(this.defaults, API).getEnvFrom()).filteredOn((source) -> source.getSecretRef() != null)
			.singleElement()
			.satisfies((source) -> {
				assertThat(source.getPrefix()).isEqualTo("ORDERFLOW_SECURITY_APIKEYS_");
				assertThat(source.getSecretRef().getName()).isEqualTo("shop-orderflow-api-keys");
			});
		assertThat(container(this.defaults, WORKER).getEnvFrom()).allSatisfy((source) -> {
			assertThat(source.getSecretRef()).isNull();
			assertThat(source.getConfigMapRef().getName()).isEqualTo(WORKER);
		});
		assertThat(this.defaults.get(io.fabric8.kubernetes.api.model.Secret.class, "shop-orderflow-api-keys").getData())
			.containsOnlyKeys("billing");
	}

	@Test
	void existingSecretsReplaceTheChartsOwn() {
		Rendering rendering = HelmChart.render(HelmChart.requiredAnd(
				Map.of("database.existingSecret", "orderflow-db", "apiKeys.existingSecret", "orderflow-api-keys")));
		assertThat(rendering.kindsAndNames()).noneMatch((resource) -> resource.startsWith("Secret/"));
		assertThat(secretRefs(container(rendering, API))).containsEntry("SPRING_DATASOURCE_PASSWORD",
				"orderflow-db/password");
		assertThat(secretRefs(container(rendering, WORKER))).containsEntry("SPRING_DATASOURCE_USERNAME",
				"orderflow-db/username");
		assertThat(container(rendering, API).getEnvFrom()).filteredOn((source) -> source.getSecretRef() != null)
			.singleElement()
			.satisfies((source) -> assertThat(source.getSecretRef().getName()).isEqualTo("orderflow-api-keys"));
	}

	@ParameterizedTest
	@ValueSource(strings = { API, WORKER })
	void podsRollWhenTheirSettingsOrCredentialsChange(String deployment) {
		String checksum = checksum(this.defaults, deployment);
		assertThat(checksum).matches("[0-9a-f]{64}");
		assertThat(checksum(HelmChart.render(HelmChart.requiredAnd(Map.of("kafka.topics.partitions", 12))), deployment))
			.isNotEqualTo(checksum);
		assertThat(checksum(HelmChart.render(HelmChart.requiredAnd(Map.of("database.password", "another-password"))),
				deployment))
			.isNotEqualTo(checksum);
	}

	@Test
	void apiPodsRollWhenAnApiKeyChanges() {
		assertThat(checksum(
				HelmChart.render(HelmChart.requiredAnd(Map.of("apiKeys.clients.billing", "another-key-0123456789"))),
				API))
			.isNotEqualTo(checksum(this.defaults, API));
	}

	@ParameterizedTest
	@ValueSource(strings = { API, WORKER })
	void podsRunAsNonRootOnAReadOnlyRootFilesystemWithAWritableTmp(String deployment) {
		PodSpec pod = podSpec(this.defaults, deployment);
		assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
		assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
		assertThat(pod.getAutomountServiceAccountToken()).isFalse();
		assertThat(pod.getServiceAccountName()).isEqualTo(deployment);
		Container container = pod.getContainers().get(0);
		assertThat(container.getSecurityContext().getRunAsNonRoot()).isTrue();
		assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
		assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
		assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
		assertThat(container.getVolumeMounts())
			.anySatisfy((mount) -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
		assertThat(pod.getVolumes()).anySatisfy((volume) -> {
			assertThat(volume.getName()).isEqualTo("tmp");
			assertThat(volume.getEmptyDir()).isNotNull();
		});
	}

	@Test
	void imagesDefaultToTheChartsAppVersion() {
		assertThat(container(this.defaults, API).getImage()).isEqualTo("orderflow/orderflow-api:0.1.0-SNAPSHOT");
		assertThat(container(this.defaults, WORKER).getImage()).isEqualTo("orderflow/orderflow-worker:0.1.0-SNAPSHOT");
	}

	@Test
	void resourcesAreTheUsers() {
		Rendering rendering = HelmChart.render(HelmChart
			.requiredAnd(Map.of("api.resources.requests.cpu", "500m", "worker.resources.limits.memory", "768Mi")));
		assertThat(container(rendering, API).getResources().getRequests().get("cpu").toString()).isEqualTo("500m");
		assertThat(container(rendering, WORKER).getResources().getLimits().get("memory").toString()).isEqualTo("768Mi");
	}

	static Container container(Rendering rendering, String deployment) {
		return podSpec(rendering, deployment).getContainers().get(0);
	}

	static PodSpec podSpec(Rendering rendering, String deployment) {
		return rendering.deployment(deployment).getSpec().getTemplate().getSpec();
	}

	private static String checksum(Rendering rendering, String deployment) {
		Deployment resource = rendering.deployment(deployment);
		return resource.getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config");
	}

	private static Map<String, Integer> ports(Container container) {
		return container.getPorts()
			.stream()
			.collect(java.util.stream.Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
	}

	private static Map<String, String> secretRefs(Container container) {
		List<EnvVar> fromSecrets = container.getEnv()
			.stream()
			.filter((variable) -> variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null)
			.toList();
		return fromSecrets.stream()
			.collect(java.util.stream.Collectors.toMap(EnvVar::getName,
					(variable) -> variable.getValueFrom().getSecretKeyRef().getName() + "/"
							+ variable.getValueFrom().getSecretKeyRef().getKey()));
	}

	private static void assertProbe(Probe probe, String path, String port) {
		assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
		assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo(port);
	}

}

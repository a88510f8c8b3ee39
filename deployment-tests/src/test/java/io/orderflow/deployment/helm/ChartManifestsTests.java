package io.orderflow.deployment.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.orderflow.deployment.PropertyNames;
import io.orderflow.deployment.helm.Rendering.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of the chart as a whole: {@code helm lint --strict}, and every manifest of each
 * supported set of values parsed strictly into the Kubernetes model.
 */
class ChartManifestsTests {

	static Stream<Arguments> valueSets() {
		return Stream.of(Arguments.of("defaults", HelmChart.REQUIRED),
				Arguments.of("KEDA off", HelmChart.requiredAnd(Map.of("worker.keda.enabled", false))),
				Arguments.of("ingress on", HelmChart.requiredAnd(Map.of("api.ingress.enabled", true))),
				Arguments.of("existing secrets",
						HelmChart.requiredAnd(Map.of("database.existingSecret", "orderflow-db",
								"apiKeys.existingSecret", "orderflow-api-keys"))),
				Arguments.of("every option on",
						HelmChart.requiredAnd(Map.of("api.ingress.enabled", true, "serviceMonitor.enabled", true,
								"networkPolicy.enabled", true, "monitoring.grafanaDashboard.enabled", true,
								"monitoring.prometheusRule.enabled", true))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("valueSets")
	void chartPassesStrictLint(String name, Map<String, Object> values) {
		LintResult lint = HelmChart.lintStrict(values);
		assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
		assertThat(lint.getMessages())
			.noneMatch((message) -> message.contains("[ERROR]") || message.contains("[WARNING]"));
	}

	/**
	 * Helm lints in lint mode, where {@code fail} only logs: the chart as shipped lints
	 * although {@code helm template} refuses it without the required values (see
	 * {@link GuardRailsTests}).
	 */
	@Test
	void chartAsShippedPassesStrictLint() {
		LintResult lint = HelmChart.lintStrict(Map.of());
		assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
		assertThat(lint.getMessages())
			.noneMatch((message) -> message.contains("[ERROR]") || message.contains("[WARNING]"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("valueSets")
	void everyManifestParsesStrictlyIntoTheKubernetesModel(String name, Map<String, Object> values) {
		Rendering rendering = HelmChart.render(values);
		assertThat(rendering.manifests()).hasSizeGreaterThan(10);
		for (Manifest manifest : rendering.manifests()) {
			assertThat(StrictModel.unknownFields(manifest.resource())).as(manifest.source()).isEmpty();
			if (manifest.resource() instanceof GenericKubernetesResource) {
				assertThat(manifest.resource().getKind()).as(manifest.source())
					.isIn("ScaledObject", "ServiceMonitor", "PrometheusRule");
			}
			assertThat(manifest.resource().getMetadata().getLabels()).as(manifest.source())
				.containsEntry("app.kubernetes.io/instance", HelmChart.RELEASE)
				.containsEntry("app.kubernetes.io/managed-by", "Helm");
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("valueSets")
	void everyEnvironmentVariableBindsToAPropertyOfTheServices(String name, Map<String, Object> values) {
		Rendering rendering = HelmChart.render(values);
		List<String> variables = new ArrayList<>();
		for (HasMetadata resource : rendering.manifests().stream().map(Manifest::resource).toList()) {
			if (resource instanceof Deployment deployment) {
				containers(deployment).forEach(
						(container) -> container.getEnv().forEach((variable) -> variables.add(variable.getName())));
				// Only the ConfigMaps a container reads as its environment: not the
				// dashboard's.
				containers(deployment).stream()
					.flatMap((container) -> container.getEnvFrom().stream())
					.filter((source) -> source.getConfigMapRef() != null)
					.forEach((source) -> variables
						.addAll(rendering.get(ConfigMap.class, source.getConfigMapRef().getName()).getData().keySet()));
			}
		}
		if (rendering.contains("Secret", "shop-orderflow-api-keys")) {
			// envFrom with a prefix: each key of the Secret is a client
			rendering.get(io.fabric8.kubernetes.api.model.Secret.class, "shop-orderflow-api-keys")
				.getData()
				.keySet()
				.forEach((client) -> variables.add("ORDERFLOW_SECURITY_APIKEYS_" + client));
		}
		assertThat(variables).contains("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_PASSWORD",
				"SPRING_KAFKA_LISTENER_CONCURRENCY", "ORDERFLOW_WORKER_SHUTDOWNTIMEOUT");
		assertThat(PropertyNames.ofServices().unbound(variables)).isEmpty();
	}

	@Test
	void defaultsRenderTheCompleteSetOfResources() {
		assertThat(HelmChart.render(HelmChart.REQUIRED).kindsAndNames()).containsExactlyInAnyOrder(
				"ConfigMap/shop-orderflow-api", "ConfigMap/shop-orderflow-worker", "Deployment/shop-orderflow-api",
				"Deployment/shop-orderflow-worker", "HorizontalPodAutoscaler/shop-orderflow-api",
				"Job/shop-orderflow-migration", "Pod/shop-orderflow-test-api-readiness",
				"PodDisruptionBudget/shop-orderflow-api", "PodDisruptionBudget/shop-orderflow-worker",
				"ScaledObject/shop-orderflow-worker", "Secret/shop-orderflow-api-keys",
				"Secret/shop-orderflow-database", "Secret/shop-orderflow-migration", "Service/shop-orderflow-api",
				"Service/shop-orderflow-worker", "ServiceAccount/shop-orderflow-api",
				"ServiceAccount/shop-orderflow-worker");
	}

	@Test
	void strictParsingRejectsAMisspelledField() {
		String misspelled = """
				apiVersion: apps/v1
				kind: Deployment
				metadata:
				  name: typo
				spec:
				  replica: 2
				  selector: {matchLabels: {app: typo}}
				  template:
				    metadata: {labels: {app: typo}}
				    spec:
				      containers:
				        - name: app
				          image: app:1
				          readinesProbe: {httpGet: {path: /, port: 80}}
				""";
		assertThat(StrictModel.unknownFields(Rendering.SERIALIZATION.unmarshal(misspelled, Deployment.class)))
			.containsExactlyInAnyOrder(".spec.replica", ".spec.template.spec.containers[0].readinesProbe");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> Rendering.parse(misspelled))
			.withMessageContaining("spec.replica");
	}

	static List<Container> containers(Deployment deployment) {
		return deployment.getSpec().getTemplate().getSpec().getContainers();
	}

}

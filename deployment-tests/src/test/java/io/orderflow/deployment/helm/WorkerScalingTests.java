package io.orderflow.deployment.helm;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of how the chart scales the api and the workers: KEDA's ScaledObject on the
 * workers' consumer lag, or a plain HPA without KEDA, never both.
 */
class WorkerScalingTests {

	private static final String WORKER = "shop-orderflow-worker";

	private final Rendering defaults = HelmChart.render(HelmChart.REQUIRED);

	@Test
	void kedaTriggerWatchesTheOrdersTopicOfTheWorkersGroup() {
		GenericKubernetesResource scaledObject = this.defaults.generic("ScaledObject", WORKER);
		assertThat(scaledObject.getApiVersion()).isEqualTo("keda.sh/v1alpha1");
		Map<String, Object> trigger = single(scaledObject.get("spec", "triggers"));
		assertThat(trigger).containsEntry("type", "kafka");
		assertThat(trigger.get("metadata")).isEqualTo(Map.of("bootstrapServers", "kafka-bootstrap.kafka:9092",
				"consumerGroup", "orderflow-workers", "topic", "orders", "lagThreshold", "100",
				"activationLagThreshold", "0", "offsetResetPolicy", "earliest", "allowIdleConsumers", "false"));
	}

	@Test
	void kedaScalesTheWorkerDeploymentBetweenTheConfiguredReplicas() {
		Rendering rendering = HelmChart.render(HelmChart.requiredAnd(Map.of("kafka.topics.partitions", 12,
				"worker.keda.minReplicaCount", 2, "worker.keda.maxReplicaCount", 4, "worker.keda.lagThreshold", 500,
				"worker.keda.activationLagThreshold", 5, "kafka.consumerGroup", "eu-workers")));
		GenericKubernetesResource scaledObject = rendering.generic("ScaledObject", WORKER);
		assertThat(at(scaledObject, "spec", "scaleTargetRef", "name")).isEqualTo(WORKER);
		assertThat(at(scaledObject, "spec", "minReplicaCount")).isEqualTo(2);
		assertThat(at(scaledObject, "spec", "maxReplicaCount")).isEqualTo(4);
		Map<String, Object> metadata = single(scaledObject.get("spec", "triggers"))
			.get("metadata") instanceof Map<?, ?> map ? cast(map) : Map.of();
		assertThat(metadata).containsEntry("lagThreshold", "500")
			.containsEntry("activationLagThreshold", "5")
			.containsEntry("consumerGroup", "eu-workers");
		assertThat(rendering.environment(WORKER)).containsEntry("SPRING_KAFKA_CONSUMER_GROUPID", "eu-workers");
	}

	@Test
	void withKedaTheWorkerHasNoHpaOfTheChartAndNoFixedReplicas() {
		assertThat(this.defaults.contains("ScaledObject", WORKER)).isTrue();
		assertThat(this.defaults.contains("HorizontalPodAutoscaler", WORKER)).isFalse();
		assertThat(this.defaults.deployment(WORKER).getSpec().getReplicas()).isNull();
	}

	@Test
	void withoutKedaAPlainHpaScalesTheWorkersOnCpu() {
		Rendering rendering = HelmChart.render(HelmChart.requiredAnd(Map.of("worker.keda.enabled", false)));
		assertThat(rendering.contains("ScaledObject", WORKER)).isFalse();
		HorizontalPodAutoscaler hpa = rendering.get(HorizontalPodAutoscaler.class, WORKER);
		assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(WORKER);
		assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(2);
		assertThat(hpa.getSpec().getMetrics()).singleElement()
			.satisfies((metric) -> assertThat(metric.getResource().getName()).isEqualTo("cpu"));
		assertThat(rendering.deployment(WORKER).getSpec().getReplicas()).isNull();
	}

	@Test
	void withNeitherKedaNorHpaTheWorkersRunAFixedReplicaCount() {
		Rendering rendering = HelmChart
			.render(HelmChart.requiredAnd(Map.of("worker.keda.enabled", false, "worker.autoscaling.enabled", false)));
		assertThat(rendering.kindsAndNames()).noneMatch((resource) -> resource.endsWith("/" + WORKER)
				&& (resource.startsWith("ScaledObject") || resource.startsWith("HorizontalPodAutoscaler")));
		assertThat(rendering.deployment(WORKER).getSpec().getReplicas()).isEqualTo(2);
	}

	@Test
	void apiScalesOnCpuWithAnHpaOrRunsAFixedReplicaCount() {
		HorizontalPodAutoscaler hpa = this.defaults.get(HorizontalPodAutoscaler.class, "shop-orderflow-api");
		assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
		assertThat(hpa.getSpec().getMetrics()).singleElement()
			.satisfies((metric) -> assertThat(metric.getResource().getTarget().getAverageUtilization()).isEqualTo(70));
		assertThat(this.defaults.deployment("shop-orderflow-api").getSpec().getReplicas()).isNull();
		Rendering fixed = HelmChart.render(HelmChart.requiredAnd(Map.of("api.autoscaling.enabled", false)));
		assertThat(fixed.contains("HorizontalPodAutoscaler", "shop-orderflow-api")).isFalse();
		assertThat(fixed.deployment("shop-orderflow-api").getSpec().getReplicas()).isEqualTo(2);
	}

	@Test
	void bothServicesHaveADisruptionBudget() {
		assertThat(this.defaults.kindsAndNames()).contains("PodDisruptionBudget/shop-orderflow-api",
				"PodDisruptionBudget/" + WORKER);
		assertThat(this.defaults.get(io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class, WORKER)
			.getSpec()
			.getSelector()
			.getMatchLabels()).containsEntry("app.kubernetes.io/component", "worker");
	}

	private static Map<String, Object> single(Object list) {
		assertThat(list).isInstanceOf(List.class);
		List<?> elements = (List<?>) list;
		assertThat(elements).hasSize(1);
		assertThat(elements.get(0)).isInstanceOf(Map.class);
		return cast((Map<?, ?>) elements.get(0));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> cast(Map<?, ?> map) {
		return (Map<String, Object>) map;
	}

	private static Object at(GenericKubernetesResource resource, Object... path) {
		return resource.get(path);
	}

}

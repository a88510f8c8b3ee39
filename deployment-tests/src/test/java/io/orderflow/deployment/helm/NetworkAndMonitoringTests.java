package io.orderflow.deployment.helm;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the optional NetworkPolicies and ServiceMonitors.
 */
class NetworkAndMonitoringTests {

	private final Rendering enabled = HelmChart
		.render(HelmChart.requiredAnd(Map.of("networkPolicy.enabled", true, "serviceMonitor.enabled", true,
				"serviceMonitor.labels.release", "prometheus", "networkPolicy.scraper.namespaceSelector.matchLabels",
				Map.of("kubernetes.io/metadata.name", "observability"))));

	@Test
	void workersManagementPortIsReachableOnlyFromTheNamespaceAndTheScraper() {
		NetworkPolicy policy = this.enabled.get(NetworkPolicy.class, "shop-orderflow-worker");
		assertThat(policy.getSpec().getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/component",
				"worker");
		assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
		NetworkPolicyIngressRule rule = policy.getSpec().getIngress().get(0);
		assertThat(policy.getSpec().getIngress()).hasSize(1);
		assertThat(rule.getPorts()).singleElement()
			.satisfies((port) -> assertThat(port.getPort().getStrVal()).isEqualTo("management"));
		assertSameNamespaceAndScraper(rule.getFrom());
	}

	@Test
	void apisHttpPortIsOpenAndItsManagementPortOnlyForTheNamespaceAndTheScraper() {
		NetworkPolicy policy = this.enabled.get(NetworkPolicy.class, "shop-orderflow-api");
		List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
		assertThat(rules).hasSize(2);
		assertThat(rules.get(0).getFrom()).isEmpty();
		assertThat(rules.get(0).getPorts()).singleElement()
			.satisfies((port) -> assertThat(port.getPort().getStrVal()).isEqualTo("http"));
		assertThat(rules.get(1).getPorts()).singleElement()
			.satisfies((port) -> assertThat(port.getPort().getStrVal()).isEqualTo("management"));
		assertSameNamespaceAndScraper(rules.get(1).getFrom());
	}

	@Test
	void serviceMonitorsScrapePrometheusOnTheManagementPorts() {
		for (String name : List.of("shop-orderflow-api", "shop-orderflow-worker")) {
			GenericKubernetesResource monitor = this.enabled.generic("ServiceMonitor", name);
			assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
			assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
			assertThat(at(monitor, "spec", "endpoints", 0, "port")).isEqualTo("management");
			assertThat(at(monitor, "spec", "endpoints", 0, "path")).isEqualTo("/actuator/prometheus");
		}
	}

	@Test
	void neitherIsRenderedByDefault() {
		Rendering defaults = HelmChart.render(HelmChart.REQUIRED);
		assertThat(defaults.kindsAndNames())
			.noneMatch((resource) -> resource.startsWith("NetworkPolicy/") || resource.startsWith("ServiceMonitor/"));
	}

	private static void assertSameNamespaceAndScraper(List<NetworkPolicyPeer> from) {
		assertThat(from).hasSize(2);
		assertThat(from.get(0).getNamespaceSelector()).isNull();
		assertThat(from.get(0).getPodSelector().getMatchLabels()).isNullOrEmpty();
		assertThat(from.get(1).getNamespaceSelector().getMatchLabels())
			.isEqualTo(Map.of("kubernetes.io/metadata.name", "observability"));
		assertThat(from.get(1).getPodSelector().getMatchLabels())
			.isEqualTo(Map.of("app.kubernetes.io/name", "prometheus"));
	}

	private static Object at(GenericKubernetesResource resource, Object... path) {
		return resource.get(path);
	}

}

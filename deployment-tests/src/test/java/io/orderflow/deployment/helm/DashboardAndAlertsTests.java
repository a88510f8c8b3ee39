package io.orderflow.deployment.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the optional operator artefacts: the Grafana dashboard's ConfigMap
 * ({@code templates/monitoring/grafana-dashboard.yaml}) and the PrometheusRule with
 * orderflow's alerts ({@code templates/monitoring/prometheus-rule.yaml}).
 */
class DashboardAndAlertsTests {

	private static final String DASHBOARD = "shop-orderflow-grafana-dashboard";

	private static final String RULE = "shop-orderflow";

	private static final List<String> ALERTS = List.of("OrderflowConsumerLagGrowing", "OrderflowOutboxStalled",
			"OrderflowDeadLetters", "OrderflowDeadLetterPublishFailures", "OrderflowStuckOrders",
			"OrderflowCleanupNotCompleted");

	// Strict: a duplicate key or anything after the document is an error, as in Grafana.
	private static final ObjectMapper json = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

	private final Rendering enabled = HelmChart
		.render(HelmChart.requiredAnd(Map.of("monitoring.grafanaDashboard.enabled", true,
				"monitoring.prometheusRule.enabled", true, "monitoring.prometheusRule.labels.release", "prometheus",
				"monitoring.prometheusRule.alertLabels.team", "orders")));

	@Test
	void neitherTheDashboardNorTheRuleIsRenderedByDefault() {
		assertThat(HelmChart.render(HelmChart.REQUIRED).kindsAndNames()).doesNotContain("ConfigMap/" + DASHBOARD)
			.noneMatch((resource) -> resource.startsWith("PrometheusRule/"));
	}

	@Test
	void dashboardConfigMapCarriesTheSidecarsLabelAndTheChartsDashboardFileAsIs() throws IOException {
		ConfigMap configMap = this.enabled.get(ConfigMap.class, DASHBOARD);
		assertThat(configMap.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1")
			.containsEntry("app.kubernetes.io/part-of", "orderflow");
		assertThat(configMap.getMetadata().getNamespace()).isNull();
		assertThat(configMap.getData()).containsOnlyKeys("orderflow.json");
		String file = Files.readString(HelmChart.directory().resolve("files/grafana-dashboard.json"));
		assertThat(configMap.getData().get("orderflow.json")).isEqualTo(file.strip());
	}

	@Test
	void sidecarsLabelTheConfigMapsNamespaceAndItsAnnotationsComeFromValues() {
		ConfigMap configMap = HelmChart
			.render(HelmChart.requiredAnd(Map.of("monitoring.grafanaDashboard.enabled", true,
					"monitoring.grafanaDashboard.label", "dashboards", "monitoring.grafanaDashboard.labelValue",
					"orderflow", "monitoring.grafanaDashboard.namespace", "monitoring",
					"monitoring.grafanaDashboard.annotations.grafana_folder", "Orders")))
			.get(ConfigMap.class, DASHBOARD);
		assertThat(configMap.getMetadata().getLabels()).containsEntry("dashboards", "orderflow")
			.doesNotContainKey("grafana_dashboard");
		assertThat(configMap.getMetadata().getNamespace()).isEqualTo("monitoring");
		assertThat(configMap.getMetadata().getAnnotations()).containsEntry("grafana_folder", "Orders");
	}

	@Test
	void dashboardHasATemplatedPrometheusDatasourceAndANamespaceVariable() throws IOException {
		JsonNode variables = dashboard().get("templating").get("list");
		Map<String, JsonNode> byName = new LinkedHashMap<>();
		variables.forEach((variable) -> byName.put(variable.get("name").asText(), variable));
		assertThat(byName).containsOnlyKeys("datasource", "namespace");
		assertThat(byName.get("datasource").get("type").asText()).isEqualTo("datasource");
		assertThat(byName.get("datasource").get("query").asText()).isEqualTo("prometheus");
		JsonNode namespace = byName.get("namespace");
		assertThat(namespace.get("datasource").get("uid").asText()).isEqualTo("${datasource}");
		assertThat(namespace.get("definition").asText()).startsWith("label_values(");
		// "All" must also match series without a namespace label (Prometheus outside
		// Kubernetes).
		assertThat(namespace.get("includeAll").asBoolean()).isTrue();
		assertThat(namespace.get("allValue").asText()).isEqualTo(".*");
	}

	@Test
	void everyPanelHasATitleAUnitAndQueriesTheTemplatedDatasourceInTheChosenNamespaces() throws IOException {
		List<JsonNode> panels = panels();
		assertThat(panels).hasSizeGreaterThanOrEqualTo(15);
		for (JsonNode panel : panels) {
			String title = panel.path("title").asText();
			assertThat(title).as("panel %s", panel.get("id")).isNotBlank();
			assertThat(panel.path("fieldConfig").path("defaults").path("unit").asText()).as(title).isNotBlank();
			assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo("${datasource}");
			assertThat(panel.get("targets")).as(title).isNotEmpty();
			for (JsonNode target : panel.get("targets")) {
				assertThat(target.path("datasource").path("uid").asText()).as(title).isEqualTo("${datasource}");
				assertThat(selectors(target.get("expr").asText())).as(title)
					.allMatch((selector) -> selector.contains("namespace=~\"$namespace\""));
			}
		}
		assertThat(panels).extracting((panel) -> panel.get("id").asInt()).doesNotHaveDuplicates();
	}

	@Test
	void dashboardShowsEverySeriesAnOperatorWatches() throws IOException {
		// The queries without the namespace selector every one of them has.
		List<String> queries = expressions().stream()
			.map((expr) -> expr.replace("{namespace=~\"$namespace\"}", "").replace("namespace=~\"$namespace\", ", ""))
			.toList();
		assertThat(queries).contains("sum by (outcome) (rate(orderflow_intake_requests_total[5m]))",
				"sum by (outcome) (rate(orderflow_orders_processed_total[5m]))",
				"max by (partition) (orderflow_consumer_lag)", "max(orderflow_consumer_group_lag)",
				"histogram_quantile(0.99, sum by (le) (rate(orderflow_orders_end_to_end_seconds_bucket[5m])))",
				"sum(rate(orderflow_orders_end_to_end_seconds_bucket{le=\"0.25\"}[5m])) / sum(rate(orderflow_orders_end_to_end_seconds_count[5m]))",
				"histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{uri=\"/orders\", method=\"POST\"}[5m])))",
				"max(orderflow_outbox_oldest_age_seconds)", "max(orderflow_outbox_backlog)",
				"histogram_quantile(0.99, sum by (le) (rate(orderflow_outbox_latency_seconds_bucket[5m])))",
				"sum by (exception) (rate(orderflow_orders_dead_lettered_total[5m]))",
				"sum(increase(orderflow_orders_dead_letter_failures_total[1h]))", "max(orderflow_reconcile_stuck)",
				"sum by (status) (increase(orderflow_cleanup_run_seconds_count[1h]))",
				"time() - (max(orderflow_cleanup_last_completed_seconds) > 0)",
				"sum by (table) (rate(orderflow_cleanup_deleted_total[5m]))",
				"sum(rate(orderflow_orders_batch_size_sum[5m])) / sum(rate(orderflow_orders_batch_size_count[5m]))",
				"sum(rate(orderflow_orders_batch_duration_seconds_sum[5m])) / sum(rate(orderflow_orders_batch_duration_seconds_count[5m]))");
		assertThat(queries).anyMatch((query) -> query.contains("rate(orderflow_reconcile_found_total[5m])"));
	}

	@Test
	void dashboardQueriesNeverDependOnTheInstanceLabel() throws IOException {
		// Prometheus renames the services' own instance label to exported_instance.
		assertThat(expressions()).noneMatch((expr) -> expr.contains("instance"));
	}

	@Test
	void ruleCarriesTheLabelsOfTheRuleSelectorAndEveryAlertItsSeverityAndTheExtraLabels() {
		GenericKubernetesResource rule = this.enabled.generic("PrometheusRule", RULE);
		assertThat(rule.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
		assertThat(rule.getMetadata().getLabels()).containsEntry("release", "prometheus")
			.containsEntry("app.kubernetes.io/instance", HelmChart.RELEASE);
		assertThat(alerts(this.enabled)).extracting((alert) -> alert.get("alert")).containsExactlyElementsOf(ALERTS);
		for (Map<String, Object> alert : alerts(this.enabled)) {
			assertThat(map(alert, "labels")).as("%s", alert.get("alert"))
				.containsEntry("team", "orders")
				.hasEntrySatisfying("severity", (severity) -> assertThat(severity).isIn("warning", "critical"));
		}
		assertThat(map(alert(this.enabled, "OrderflowDeadLetterPublishFailures"), "labels")).containsEntry("severity",
				"critical");
	}

	@Test
	void everyAlertSaysWhatHappenedAndWhatToDoAndLinksARunbookOnlyWhenOneIsSet() {
		Rendering linked = HelmChart.render(HelmChart.requiredAnd(Map.of("monitoring.prometheusRule.enabled", true,
				"monitoring.prometheusRule.runbookUrl", "https://wiki.example.com/orderflow#operating-orderflow")));
		for (Map<String, Object> alert : alerts(this.enabled)) {
			Map<String, Object> annotations = map(alert, "annotations");
			assertThat(annotations).as("%s", alert.get("alert")).containsOnlyKeys("summary", "description");
			assertThat((String) annotations.get("summary")).isNotBlank();
			assertThat(((String) annotations.get("description")).length()).as("%s", alert.get("alert"))
				.isGreaterThan(100);
		}
		assertThat(alerts(linked)).hasSameSizeAs(alerts(this.enabled))
			.allSatisfy((alert) -> assertThat(map(alert, "annotations")).as("%s", alert.get("alert"))
				.containsEntry("runbook_url", "https://wiki.example.com/orderflow#operating-orderflow"));
		// Prometheus' own templates survive Helm's.
		assertThat(map(alert(this.enabled, "OrderflowOutboxStalled"), "annotations").get("summary").toString())
			.contains("{{ $value | humanizeDuration }}");
	}

	@Test
	void everyAlertQueriesOnlyTheReleasesNamespace() {
		Pattern unscoped = Pattern
			.compile("\\b(orderflow_\\w+|process_start_time_seconds)\\b(?!\\{namespace=\"orders\")");
		for (Map<String, Object> alert : alerts(this.enabled)) {
			assertThat(unscoped.matcher((String) alert.get("expr")).results().map((match) -> match.group()))
				.as("%s", alert.get("alert"))
				.isEmpty();
		}
	}

	@Test
	void defaultThresholdsAreALagOf1000A60SecondOutboxAndTwoHourlyCleanups() {
		assertThat(expr(this.enabled, "OrderflowConsumerLagGrowing"))
			.contains("max(orderflow_consumer_group_lag{namespace=\"orders\"}) > 1000")
			.contains("deriv(max(orderflow_consumer_group_lag{namespace=\"orders\"})[10m:1m]) > 0");
		assertThat(alert(this.enabled, "OrderflowConsumerLagGrowing")).containsEntry("for", "10m");
		assertThat(expr(this.enabled, "OrderflowOutboxStalled"))
			.isEqualTo("max(orderflow_outbox_oldest_age_seconds{namespace=\"orders\"}) > 60");
		assertThat(alert(this.enabled, "OrderflowOutboxStalled")).containsEntry("for", "2m");
		assertThat(expr(this.enabled, "OrderflowStuckOrders"))
			.isEqualTo("max(orderflow_reconcile_stuck{namespace=\"orders\"}) > 0");
		assertThat(alert(this.enabled, "OrderflowStuckOrders")).containsEntry("for", "15m");
		assertThat(expr(this.enabled, "OrderflowDeadLetters"))
			.contains("sum(increase(orderflow_orders_dead_lettered_total{namespace=\"orders\"}[10m])) > 0");
		assertThat(expr(this.enabled, "OrderflowDeadLetterPublishFailures"))
			.contains("sum(increase(orderflow_orders_dead_letter_failures_total{namespace=\"orders\"}[10m])) > 0");
		assertThat(expr(this.enabled, "OrderflowCleanupNotCompleted"))
			.contains("time() - max(orderflow_cleanup_last_completed_seconds{namespace=\"orders\"}) > 7200")
			.contains("max(orderflow_cleanup_last_completed_seconds{namespace=\"orders\"}) == 0");
	}

	@Test
	void thresholdsAndDurationsFromValuesLandInTheAlerts() {
		Rendering tuned = HelmChart.render(HelmChart.requiredAnd(Map.of("monitoring.prometheusRule.enabled", true,
				"monitoring.prometheusRule.consumerLag.threshold", 5000, "monitoring.prometheusRule.consumerLag.for",
				"20m", "monitoring.prometheusRule.outboxAge.thresholdSeconds", 120,
				"monitoring.prometheusRule.outboxAge.for", "5m", "monitoring.prometheusRule.stuckOrders.for", "30m",
				"monitoring.prometheusRule.cleanup.intervalSeconds", 1800, "monitoring.prometheusRule.runbookUrl",
				"https://git.example.com/orderflow#operating-orderflow")));
		assertThat(expr(tuned, "OrderflowConsumerLagGrowing")).contains("> 5000");
		assertThat(alert(tuned, "OrderflowConsumerLagGrowing")).containsEntry("for", "20m");
		assertThat(expr(tuned, "OrderflowOutboxStalled")).endsWith("> 120");
		assertThat(alert(tuned, "OrderflowOutboxStalled")).containsEntry("for", "5m");
		assertThat(alert(tuned, "OrderflowStuckOrders")).containsEntry("for", "30m");
		// Two intervals of 30 minutes, in both the stale and the never-completed case.
		assertThat(expr(tuned, "OrderflowCleanupNotCompleted").split("> 3600", -1)).hasSize(3);
		assertThat(expr(tuned, "OrderflowCleanupNotCompleted")).doesNotContain("7200");
		assertThat(map(alert(tuned, "OrderflowStuckOrders"), "annotations")).containsEntry("runbook_url",
				"https://git.example.com/orderflow#operating-orderflow");
	}

	@Test
	void cleanupAlertIsLeftOutWhenScheduledCleanupIsOff() {
		Rendering withoutCleanup = HelmChart.render(HelmChart.requiredAnd(Map.of("monitoring.prometheusRule.enabled",
				true, "monitoring.prometheusRule.cleanup.intervalSeconds", 0)));
		assertThat(alerts(withoutCleanup)).extracting((alert) -> alert.get("alert"))
			.containsExactlyElementsOf(ALERTS.subList(0, ALERTS.size() - 1));
	}

	private JsonNode dashboard() throws IOException {
		return json.readTree(this.enabled.get(ConfigMap.class, DASHBOARD).getData().get("orderflow.json"));
	}

	private List<JsonNode> panels() throws IOException {
		List<JsonNode> panels = new ArrayList<>();
		for (JsonNode panel : dashboard().get("panels")) {
			if (!panel.path("type").asText().equals("row")) {
				panels.add(panel);
			}
		}
		return panels;
	}

	private List<String> expressions() throws IOException {
		List<String> expressions = new ArrayList<>();
		for (JsonNode panel : panels()) {
			panel.get("targets").forEach((target) -> expressions.add(target.get("expr").asText()));
		}
		return expressions;
	}

	private static List<String> selectors(String expr) {
		return Pattern.compile("\\{[^}]*\\}").matcher(expr).results().map((match) -> match.group()).toList();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> alerts(Rendering rendering) {
		GenericKubernetesResource rule = rendering.generic("PrometheusRule", RULE);
		List<Map<String, Object>> groups = (List<Map<String, Object>>) rule.get("spec", "groups");
		assertThat(groups).singleElement().satisfies((group) -> assertThat(group).containsEntry("name", "orderflow"));
		return (List<Map<String, Object>>) groups.get(0).get("rules");
	}

	private static Map<String, Object> alert(Rendering rendering, String name) {
		return alerts(rendering).stream()
			.filter((alert) -> name.equals(alert.get("alert")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No alert " + name));
	}

	private static String expr(Rendering rendering, String name) {
		return (String) alert(rendering, name).get("expr");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> alert, String key) {
		return (Map<String, Object>) alert.get(key);
	}

}

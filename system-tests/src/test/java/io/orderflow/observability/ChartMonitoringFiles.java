package io.orderflow.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Helm chart's operator artefacts as the repository holds them, reduced to their
 * queries: the Grafana dashboard ({@code helm/orderflow/files/grafana-dashboard.json})
 * and the alert rules ({@code helm/orderflow/files/prometheus-rules.yaml}, a Helm
 * template).
 */
final class ChartMonitoringFiles {

	static final String DASHBOARD = "helm/orderflow/files/grafana-dashboard.json";

	static final String RULES = "helm/orderflow/files/prometheus-rules.yaml";

	// Helm's comments and actions; comments and escaped Prometheus templates
	// ({{`{{ $value }}`}}) first, since they hold braces of their own.
	private static final Pattern HELM_ACTION = Pattern
		.compile("\\{\\{-?\\s*/\\*.*?\\*/\\s*-?\\}\\}|\\{\\{`.*?`\\}\\}|\\{\\{.*?\\}\\}", Pattern.DOTALL);

	private ChartMonitoringFiles() {
	}

	/** Each panel's queries and the query of each templating variable. */
	static List<Query> dashboardQueries() {
		JsonNode dashboard = JsonMapper.builder().build().readTree(read(DASHBOARD));
		List<Query> queries = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			addPanel(panel, queries);
			// A collapsed row holds its panels.
			panel.path("panels").forEach((nested) -> addPanel(nested, queries));
		}
		for (JsonNode variable : dashboard.path("templating").path("list")) {
			if (variable.path("type").asString().equals("query")) {
				queries.add(new Query("variable " + variable.path("name").asString(),
						variable.path("definition").asString()));
			}
		}
		return queries;
	}

	/**
	 * Each alert's expression, with Helm's actions (namespace, thresholds) left out: what
	 * remains is enough to read the metric names.
	 */
	@SuppressWarnings("unchecked")
	static List<Query> alertExpressions() {
		String withoutHelm = HELM_ACTION.matcher(read(RULES)).replaceAll("");
		Map<String, Object> spec = new Yaml().load(withoutHelm);
		List<Query> expressions = new ArrayList<>();
		for (Map<String, Object> group : (List<Map<String, Object>>) spec.get("groups")) {
			for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
				expressions.add(new Query("alert " + rule.get("alert"), (String) rule.get("expr")));
			}
		}
		return expressions;
	}

	/** The repository's root: the nearest directory up from here that holds the chart. */
	static Path repository() {
		for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
			if (Files.isRegularFile(directory.resolve("helm/orderflow/Chart.yaml"))) {
				return directory;
			}
		}
		throw new IllegalStateException(
				"No helm/orderflow/Chart.yaml in " + Path.of("").toAbsolutePath() + " or any directory above it");
	}

	private static void addPanel(JsonNode panel, List<Query> queries) {
		for (JsonNode target : panel.path("targets")) {
			if (target.has("expr")) {
				queries
					.add(new Query("panel \"" + panel.path("title").asString() + "\"", target.get("expr").asString()));
			}
		}
	}

	private static String read(String file) {
		try {
			return Files.readString(repository().resolve(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A query and where it is used. */
	record Query(String source, String expression) {

	}

}

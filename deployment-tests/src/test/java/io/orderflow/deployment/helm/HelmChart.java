package io.orderflow.deployment.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The chart {@code helm/orderflow}, rendered and linted by the real Helm library
 * (helm-java, in-process). Values are given as dotted paths ({@code worker.keda.enabled})
 * and passed to Helm as a values file; each set of values is rendered once per test JVM.
 */
final class HelmChart {

	static final String RELEASE = "shop";

	static final String NAMESPACE = "orders";

	/** The values without which the chart refuses to render. */
	static final Map<String, Object> REQUIRED = Map.of("database.url", "jdbc:postgresql://postgres:5432/orderflow",
			"database.password", "s3cret-db-password", "apiKeys.clients.billing", "billing-key-0123456789abcdef",
			"kafka.bootstrapServers", "kafka-bootstrap.kafka:9092");

	static final String HOOK_ANNOTATION = "helm.sh/hook:";

	static final String HOOK_STAND_IN = "orderflow.test/helm-hook:";

	private static final Map<Map<String, Object>, Rendering> RENDERINGS = new ConcurrentHashMap<>();

	private HelmChart() {
	}

	/** The chart's directory in this repository. */
	static Path directory() {
		String home = System.getProperty("orderflow.home");
		if (home == null) {
			throw new IllegalStateException("System property orderflow.home (the repository root) is not set");
		}
		return Path.of(home).resolve("helm/orderflow").toAbsolutePath().normalize();
	}

	/**
	 * The required values plus these.
	 * @param overrides dotted paths and their values
	 * @return the values
	 */
	static Map<String, Object> requiredAnd(Map<String, Object> overrides) {
		Map<String, Object> values = new LinkedHashMap<>(REQUIRED);
		values.putAll(overrides);
		return values;
	}

	/**
	 * {@code helm template} with these values, parsed strictly.
	 * @param values dotted paths and their values
	 * @return the rendered manifests
	 */
	static Rendering render(Map<String, Object> values) {
		return RENDERINGS.computeIfAbsent(Map.copyOf(values), (key) -> Rendering.parse(template(key)));
	}

	/**
	 * {@code helm template} with these values, as Helm's own output.
	 * @param values dotted paths and their values
	 * @return the manifests as YAML
	 * @throws IllegalStateException when Helm refuses (a {@code fail} of the chart)
	 */
	static String template(Map<String, Object> values) {
		Path valuesFile = writeValues(values);
		Path copy = copyChart();
		try {
			try (Stream<Path> files = Files.walk(copy.resolve("templates"))) {
				for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
					Files.writeString(file, Files.readString(file).replace(HOOK_ANNOTATION, HOOK_STAND_IN));
				}
			}
			String rendered = new Helm(copy).template()
				.withName(RELEASE)
				.withNamespace(NAMESPACE)
				.withValuesFile(valuesFile)
				.call();
			return rendered.replace(HOOK_STAND_IN, HOOK_ANNOTATION);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			delete(valuesFile);
			delete(copy.getParent());
		}
	}

	/**
	 * {@code helm lint --strict} of a copy of the chart whose values.yaml also holds
	 * these. helm-java's lint takes no values file, so the values go into the copy's
	 * values.yaml.
	 * @param values dotted paths and their values
	 * @return Helm's verdict
	 */
	static LintResult lintStrict(Map<String, Object> values) {
		Path copy = copyChart();
		try {
			Map<String, Object> merged = new Yaml().load(Files.readString(copy.resolve("values.yaml")));
			values.forEach((path, value) -> put(merged, path, value));
			Files.writeString(copy.resolve("values.yaml"), yaml().dump(merged));
			return new Helm(copy).lint().strict().call();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			delete(copy.getParent());
		}
	}

	private static Path writeValues(Map<String, Object> values) {
		Map<String, Object> tree = new LinkedHashMap<>();
		values.forEach((path, value) -> put(tree, path, value));
		try {
			Path file = Files.createTempFile("orderflow-values-", ".yaml");
			Files.writeString(file, yaml().dump(tree));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static void put(Map<String, Object> tree, String path, Object value) {
		int dot = path.indexOf('.');
		if (dot < 0) {
			tree.put(path, value);
			return;
		}
		Object child = tree.computeIfAbsent(path.substring(0, dot), (key) -> new LinkedHashMap<String, Object>());
		if (!(child instanceof Map)) {
			child = new LinkedHashMap<String, Object>();
			tree.put(path.substring(0, dot), child);
		}
		put((Map<String, Object>) child, path.substring(dot + 1), value);
	}

	private static Yaml yaml() {
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		return new Yaml(options);
	}

	private static Path copyChart() {
		Path source = directory();
		try {
			Path target = Files.createTempDirectory("orderflow-chart-").resolve("orderflow");
			try (Stream<Path> files = Files.walk(source)) {
				for (Path file : (Iterable<Path>) files::iterator) {
					Path copy = target.resolve(source.relativize(file).toString());
					if (Files.isDirectory(file)) {
						Files.createDirectories(copy);
					}
					else {
						Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
					}
				}
			}
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void delete(Path path) {
		try (Stream<Path> files = Files.walk(path)) {
			for (Path file : (Iterable<Path>) files.sorted((a, b) -> b.compareTo(a))::iterator) {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

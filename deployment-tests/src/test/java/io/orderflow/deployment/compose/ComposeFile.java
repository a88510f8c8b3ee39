package io.orderflow.deployment.compose;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

/**
 * The repository's {@code docker-compose.yml} as parsed YAML (anchors and merge keys
 * resolved), with the few accessors the tests need.
 */
final class ComposeFile {

	private final Map<String, Object> root;

	private ComposeFile(Map<String, Object> root) {
		this.root = root;
	}

	/** The repository root, from the system property {@code orderflow.home}. */
	static Path home() {
		String home = System.getProperty("orderflow.home");
		if (home == null) {
			throw new IllegalStateException("The system property orderflow.home (the repository root) is not set");
		}
		return Paths.get(home).toAbsolutePath().normalize();
	}

	static Path path() {
		return home().resolve("docker-compose.yml");
	}

	static ComposeFile load() {
		try (Reader reader = Files.newBufferedReader(path())) {
			return new ComposeFile(new Yaml().load(reader));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Map<String, Map<String, Object>> services() {
		return map(this.root.get("services"));
	}

	Map<String, Object> service(String name) {
		Map<String, Object> service = services().get(name);
		if (service == null) {
			throw new IllegalArgumentException("docker-compose.yml has no service " + name);
		}
		return service;
	}

	/** A service's environment, in either of Compose's forms (map or KEY=VALUE list). */
	Map<String, String> environment(String service) {
		Object environment = service(service).get("environment");
		Map<String, String> variables = new LinkedHashMap<>();
		if (environment instanceof Map<?, ?> entries) {
			entries.forEach((key, value) -> variables.put(String.valueOf(key), String.valueOf(value)));
		}
		else if (environment instanceof List<?> entries) {
			for (Object entry : entries) {
				String[] keyValue = String.valueOf(entry).split("=", 2);
				variables.put(keyValue[0], (keyValue.length > 1) ? keyValue[1] : "");
			}
		}
		return variables;
	}

	@SuppressWarnings("unchecked")
	static <V> Map<String, V> map(Object value) {
		return (value instanceof Map) ? (Map<String, V>) value : Map.of();
	}

	static List<?> list(Object value) {
		return (value instanceof List<?> list) ? list : List.of();
	}

}
